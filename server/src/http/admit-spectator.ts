import type express from "express";
import { ServerError } from "@colyseus/core";
import { JoinErrorCode } from "@arena/shared";
import { matchmakingGate } from "../framework/index.js";

/** Why the gate refused a spectator: the HTTP answer to give. */
export interface SpectatorRefusal {
  status: 401 | 429;
  error: "auth_failed" | "join_refused";
  code: number;
  message: string;
}

/**
 * A spectator's request through the matchmaking gate, as a player's join goes (its Bearer token,
 * then the quotas): the seat's join options and auth data to reserve it with, or the refusal
 * (401 `auth_failed` 4215, 429 `join_refused` 4221-4223). The options object is new per request:
 * the gate remembers what it admitted by that object, for the seat reservation that follows.
 */
export async function admitSpectator(req: express.Request): Promise<{ options: { spectate: true }; auth: unknown } | { refused: SpectatorRefusal }> {
  const header = req.headers.authorization ?? "";
  const token = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : undefined;
  const options = { spectate: true as const };
  try {
    const auth: unknown = await matchmakingGate().admit(token, options, { token, headers: req.headers as never, ip: req.socket.remoteAddress ?? "", req }, false);
    return { options, auth };
  } catch (err) {
    if (!(err instanceof ServerError)) throw err;
    const authFailed = err.code === JoinErrorCode.AuthFailed;
    return { refused: { status: authFailed ? 401 : 429, error: authFailed ? "auth_failed" : "join_refused", code: err.code, message: err.message } };
  }
}
