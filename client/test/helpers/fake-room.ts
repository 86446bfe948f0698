import type { Room } from "colyseus.js";

/**
 * A colyseus.js Room stand-in over `state` for NetSession tests: an open connection that sends
 * nowhere, and `patch()` to announce a patch of `state` as the real room's onStateChange would.
 */
export function fakeRoom<S>(state: S, sessionId = "me"): { room: Room<S>; patch: () => void } {
  let onState: (s: S) => void = () => undefined;
  const room = {
    sessionId,
    state,
    connection: { isOpen: true, send: () => undefined, transport: {} },
    onMessage: () => () => undefined,
    onStateChange: (cb: (s: S) => void) => {
      onState = cb;
    },
    send: () => undefined,
    sendBytes: () => undefined,
  };
  return { room: room as unknown as Room<S>, patch: () => onState(state) };
}
