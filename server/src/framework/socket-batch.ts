import type { Client } from "@colyseus/core";
import type { Socket } from "node:net";
import { tcpSocketOf } from "./colyseus/index.js";

/** The TCP socket under a Colyseus ws-transport client, when there is one (bots have none). */
export const socketOf = tcpSocketOf;

/**
 * Run `send` with every client's socket corked, then uncork: all frames written to one client
 * meanwhile (a patch plus the messages queued with `afterNextPatch`) leave in one write syscall
 * instead of one each. Per-message syscalls are the largest CPU cost of a busy server.
 */
export function withCorkedSockets<T>(clients: Iterable<Client>, send: () => T): T {
  const corked: Socket[] = [];
  for (const client of clients) {
    const socket = socketOf(client);
    if (!socket) continue;
    socket.cork();
    corked.push(socket);
  }
  try {
    return send();
  } finally {
    for (const socket of corked) socket.uncork();
  }
}
