import type { Room } from "colyseus.js";

/**
 * Wait until the room's state has been decoded once. colyseus.js resolves a join before the
 * full state arrives (until then `state.players` is undefined), and NetSession reads it at once:
 * the room's rates (see room-rates.ts) and the own player. Rejects when the room is left first
 * or nothing arrives within `timeoutMs`.
 */
export function firstState<S>(room: Room<S>, timeoutMs = 10_000): Promise<void> {
  if ((room.state as { players?: unknown } | undefined)?.players) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no state from the server within ${timeoutMs} ms`)), timeoutMs);
    room.onStateChange.once(() => {
      clearTimeout(timer);
      resolve();
    });
    room.onLeave.once((code) => {
      clearTimeout(timer);
      reject(new Error(`left the room before the first state (code ${code})`));
    });
  });
}
