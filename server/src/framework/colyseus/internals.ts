import type http from "node:http";
import type { Socket } from "node:net";
import { matchMaker, updateLobby, type AuthContext, type Client, type IRoomCache, type Room } from "@colyseus/core";
import { Encoder } from "@colyseus/schema";

/**
 * THE SEAM TO COLYSEUS. Every use of a Colyseus (or `ws`) internal in this project is a named
 * function in this file: a private member, a monkey-patch of a Colyseus object, a process-wide
 * static, or behaviour Colyseus does not document. Nothing else may touch one (grep for `._` in
 * review). Each function says what it reaches, why, and what replaces it on upgrade.
 *
 * At start-up `checkColyseusSeam()` (startup-check.ts, run by startGameServer) refuses to
 * run on versions outside TESTED_VERSIONS and probes every internal below, naming the one missing;
 * server/test/unit/colyseus-seam.test.ts tests each function on the installed Colyseus.
 *
 * Upgrade path (0.17, schema 4.0; 0.18). 0.17 adds `onDrop(client, code)` / `onReconnect(client)`
 * and passes the close code to `onLeave(client, code)` (it replaces `consented`); its docs are at
 * https://docs.colyseus.io/migrating/0.17. 0.18 is announced with `defineInput` (typed,
 * validated client input): when it lands, compare it with ClientIntake's packed-input path before
 * adopting it. Per function: see "Upgrade:" in each doc comment. After an upgrade, widen
 * TESTED_VERSIONS only once `npx vitest run server/test/unit/colyseus-seam.test.ts` and the
 * hardening tests pass.
 */

/** The versions this seam was written and tested against: [lowest tested, first untested]. */
export const TESTED_VERSIONS = {
  "@colyseus/core": ["0.16.26", "0.17.0"],
  "@colyseus/schema": ["3.0.76", "3.1.0"],
  "@colyseus/ws-transport": ["0.16.5", "0.17.0"],
  ws: ["8.18.0", "9.0.0"],
} as const satisfies Record<string, readonly [string, string]>;

// ---------------------------------------------------------------------------------------------
// Sockets (ws-transport)

/**
 * The TCP socket under a ws-transport client (`client.ref` is a `ws` WebSocket; `_socket` is its
 * private net.Socket), or undefined for a client without one (a bot) or a destroyed one.
 * Why: corking all of a patch's frames into one write, and seeing a backlog (`writableLength`).
 * Upgrade: no public equivalent in 0.17; on another transport (uWebSockets) this returns undefined
 * and batching/backlog detection simply stop, which is safe.
 */
export function tcpSocketOf(client: Client): Socket | undefined {
  const ws = client.ref as { _socket?: Socket } | undefined;
  const socket = ws?._socket;
  return socket && !socket.destroyed ? socket : undefined;
}

/**
 * Call `observer` whenever the server closes `client` with `code` (patches the instance's
 * `leave`, which Colyseus calls itself, e.g. with 4002 WS_CLOSE_WITH_ERROR for a message that is
 * not valid msgpack, before any room hook sees it). The close then proceeds as before.
 * Upgrade: 0.17 passes the close code to `onLeave(client, code)` / `onDrop(client, code)`: read it
 * there and drop this patch.
 */
export function observeServerClose(client: Client, code: number, observer: () => void): void {
  const leave = client.leave.bind(client);
  client.leave = (closeCode?: number, data?: string) => {
    if (closeCode === code) observer();
    leave(closeCode, data);
  };
}

// ---------------------------------------------------------------------------------------------
// Rooms and schema encoding

/**
 * The schema Encoder behind a room's state: `room._serializer.encoder` (SchemaSerializer, private).
 * Why: giving the encoder a fresh shared buffer when a backlogged socket still holds a slice of
 * the last patch (see patch-buffer.ts). Upgrade: check whether schema 4 still shares one buffer
 * between patches; if it copies, patch-buffer.ts and this function can go.
 */
export function roomEncoder(room: Room): Encoder | undefined {
  return (room as unknown as { _serializer?: { encoder?: Encoder } })._serializer?.encoder;
}

/**
 * Run `createEncoder` with the process-wide static `Encoder.BUFFER_SIZE` raised to at least
 * `bytes` (then restored): encoders made meanwhile start with that buffer. Why: see
 * encode-buffer.ts (view patches and join snapshots are cut at the initial size in schema 3.0).
 * Upgrade: schema 4 may grow view buffers itself; test encode-buffer.test.ts without this first.
 */
export function withEncoderBufferSize<T>(bytes: number, createEncoder: () => T): T {
  const previous = Encoder.BUFFER_SIZE;
  Encoder.BUFFER_SIZE = Math.max(previous, bytes);
  try {
    return createEncoder();
  } finally {
    Encoder.BUFFER_SIZE = previous;
  }
}

/**
 * Run `check(heldAuth, context)` before a socket takes a seat held for reconnection, wrapping the
 * room's private `_onJoin` (what the transport calls to seat a socket) and reading
 * `reservedSeats[sessionId]` ([joinOptions, authData, consumed, waitingReconnection] in core
 * 0.16.26). `check` throws to refuse: the error reaches the client and the seat stays held.
 * Nothing of the seat is touched before the check. Ordinary joins pass straight through.
 * Why: 0.16 lets any socket with the reconnection token take the seat (see reconnect-identity.ts).
 * Upgrade: 0.17's `onReconnect(client)` runs after the seat is taken, too late to refuse; check
 * whether 0.17 runs `onAuth` on reconnection, which would replace this.
 */
export function beforeSeatReclaim(room: Room, check: (heldAuth: unknown, context: AuthContext) => Promise<void>): void {
  const internals = room as unknown as {
    reservedSeats: Record<string, [unknown, unknown, boolean, boolean] | undefined>;
    _onJoin(client: Client, context: AuthContext): Promise<void>;
  };
  const onJoin = internals._onJoin.bind(room);
  internals._onJoin = async (client: Client, context: AuthContext): Promise<void> => {
    const seat = internals.reservedSeats[client.sessionId];
    if (seat?.[3]) await check(seat[1], context);
    return onJoin(client, context);
  };
}

/**
 * Tell every live LobbyRoom (on any process, through presence) that the room `listing` describes
 * is gone. `updateLobby` is public but takes a Room and reads only `room.listing`; a dead
 * process's rooms have a listing and no Room. Upgrade: check `updateLobby`'s parameter.
 */
export function removeFromLobbies(listing: IRoomCache): void {
  updateLobby({ listing } as unknown as Room, true);
}

// ---------------------------------------------------------------------------------------------
// HTTP matchmaking (core Server)

/**
 * Whether Colyseus will treat this request as matchmaking: its own test, the route
 * (`matchMaker.controller.matchmakeRoute`) anywhere in the URL.
 */
export function isMatchmakeUrl(url: string | undefined): boolean {
  return (url ?? "").includes(`/${matchMaker.controller.matchmakeRoute}`);
}

/**
 * Replace Colyseus's CORS answer on `/matchmake/*` (`DEFAULT_CORS_HEADERS`, any origin with
 * credentials, merged with `getCorsHeaders(req)`, which echoes any Origin) by `headersFor(req)`.
 * The controller is a process-wide singleton: the last call in a process wins.
 * Upgrade: 0.17 moves matchmaking routes into its router; find its CORS option there.
 */
export function replaceMatchmakeCors(headersFor: (req: http.IncomingMessage) => Record<string, string>): void {
  const controller = matchMaker.controller as {
    DEFAULT_CORS_HEADERS: Record<string, string>;
    getCorsHeaders(req: http.IncomingMessage): Record<string, string>;
  };
  controller.DEFAULT_CORS_HEADERS = {};
  controller.getCorsHeaders = headersFor;
}

/**
 * Put `gate` before every "request" listener `httpServer` has now. Colyseus 0.16's `new Server()`
 * (core Server.attach) takes over the listeners, serving `/matchmake` itself and passing the rest
 * on; so call this after `new Server()` and the gate sees every request first. `gate` returns
 * false when it answered the request itself.
 * Upgrade: 0.17 (`defineServer`) serves matchmaking through its own router: re-check the order.
 */
export function gateRequestsBeforeColyseus(
  httpServer: http.Server,
  gate: (req: http.IncomingMessage, res: http.ServerResponse) => boolean,
): void {
  const handlers = httpServer.listeners("request") as ((req: http.IncomingMessage, res: http.ServerResponse) => void)[];
  httpServer.removeAllListeners("request");
  httpServer.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!gate(req, res)) return;
    for (const handler of handlers) handler.call(httpServer, req, res);
  });
}

// ---------------------------------------------------------------------------------------------
// Scale (@colyseus/redis-driver)

/**
 * The ioredis connection of a RedisDriver (`driver._client`, private in the typings). Why: only to
 * log its connection events. Upgrade: check the driver's field name.
 */
export function redisDriverConnection<T>(driver: object): T {
  const connection = (driver as { _client?: T })._client;
  if (connection === undefined) throw new Error("Colyseus seam: RedisDriver._client is missing (see server/src/framework/colyseus/internals.ts)");
  return connection;
}
