import type { Client } from "@colyseus/core";
import { socketlessClient } from "../bot-fill.js";

/**
 * A socketless stand-in Client for a person in a replay: addPlayer gets it as it got the real
 * one (room types read `sessionId`); sending to it does nothing.
 */
export function headlessClient(sessionId: string): Client {
  return socketlessClient(sessionId);
}
