import type http from "node:http";
import type { Socket } from "node:net";
import { matchMaker, updateLobby, type AuthContext, type Client, type IRoomCache, type Room } from "@colyseus/core";
import { Encoder, type Schema } from "@colyseus/schema";

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

/** encodeStateInFull's own buffer (grown when a state outgrows it); never the encoder's shared one. */
let fullStateBuffer: Buffer | null = null;

/**
 * The room's whole state as one full schema encode (what a join snapshot holds, without view
 * filtering), as a copy: `encodeAll` on the room's Encoder (roomEncoder, private) into a buffer
 * of our own, because the shared one may still be held by a backlogged socket (patch-buffer.ts).
 * Why not a public path: `new Encoder(state.clone())` gives the same bytes but the clone costs
 * about 1 ms for a 16-player arena, on the room's tick; this costs 0.15-0.3 ms. Without the
 * internal (undefined encoder) it takes that public path. Fields tagged `@view` are left out.
 * Upgrade: check that `encodeAll(it, buffer)` still reads the room's whole state from the
 * encoder without side effects (schema 4), else take the clone path.
 */
export function encodeStateInFull(room: Room): Uint8Array {
  const encoder = roomEncoder(room);
  if (!encoder) return new Encoder((room.state as Schema).clone()).encodeAll().slice();
  fullStateBuffer ??= Buffer.allocUnsafe(Math.max(Encoder.BUFFER_SIZE, 64 * 1024));
  const bytes = encoder.encodeAll({ offset: 0 }, fullStateBuffer);
  // An overflow made the encoder allocate a bigger buffer: keep one that fits next time.
  if (bytes.buffer !== fullStateBuffer.buffer) fullStateBuffer = Buffer.allocUnsafe(bytes.length * 2);
  return bytes.slice();
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

// ---------------------------------------------------------------------------------------------
// Spectator seats (Room seat counting and locking)

/** What `separateSpectatorSeats` asks the room about its seats. */
export interface SeatRules {
  /** Whether a seat reservation with these join options is a spectator's. */
  isSpectatorSeat(joinOptions: unknown): boolean;
  /** Whether this connected session is a spectator. */
  isSpectator(sessionId: string): boolean;
  /** Most spectators (connected or holding a reservation) at once. */
  spectatorLimit(): number;
}

/**
 * Count a room's seats in two kinds, so `maxClients` limits players only and spectators have their
 * own limit. Colyseus 0.16 counts every connected client and every reserved seat against
 * `maxClients` (`hasReachedMaxClients`), refuses a seat in `_reserveSeat` when that is reached,
 * locks the room then (`_incrementClientCount`) and unlocks it on any leave (`_decrementClientCount`).
 * This replaces, on the instance:
 * - `hasReachedMaxClients` (public): players only, i.e. connected clients that are not spectators
 *   plus reservations (`reservedSeats`, internal: [joinOptions, auth, consumed, reconnecting];
 *   taken seats are non-enumerable) that are not spectator seats; or the room is disposing
 *   (`_internalState` 2). So the room locks when its players are full, whatever its spectators.
 * - `_reserveSeat` (internal), for a spectator seat only: refused (false) when the spectators are at
 *   their limit or the room is disposing; otherwise reserved by Colyseus's own code with the
 *   player check answered "not full" while that call runs its synchronous part (the check and the
 *   lock test in `_incrementClientCount` both run before its first await).
 * - `_decrementClientCount` (internal): after Colyseus's own (which unlocks whenever it had locked
 *   for "full", even when a spectator left, and never unlocks a lock it did not set), the lock is
 *   set to "players full" again, unless the room was locked explicitly (`_lockedExplicitly`, e.g.
 *   draining) or is disposing.
 * - `_incrementClientCount` (internal) and `_decrementClientCount` both keep the listing's `clients`
 *   (`room.listing`, which Colyseus `$inc`s for every seat) at the players' count: quick play sorts
 *   on it (fullest first), and the lobby shows it, so watchers must not make a room look fuller.
 * A full room stays locked for matchmaking (joinOrCreate and joinById skip or refuse it): spectators
 * reach it through `matchMaker.reserveSeatFor` (see http/spectate-route.ts).
 * Upgrade: 0.17 keeps `hasReachedMaxClients` and `_reserveSeat`; re-check both and the unlock in
 * `_decrementClientCount`, then run server/test/integration/spectators.test.ts.
 */
export function separateSpectatorSeats(room: Room, rules: SeatRules): void {
  const internals = room as unknown as {
    reservedSeats: Record<string, [unknown, unknown, boolean, boolean] | undefined>;
    _internalState: number;
    _lockedExplicitly: boolean;
    _reserveSeat(sessionId: string, joinOptions?: unknown, authData?: unknown, seconds?: number, allowReconnection?: boolean, devMode?: boolean): Promise<boolean>;
    _incrementClientCount(): Promise<void>;
    _decrementClientCount(): Promise<boolean>;
  };
  const disposing = (): boolean => internals._internalState === 2;
  const count = (): { players: number; spectators: number } => {
    let players = 0;
    let spectators = 0;
    for (const client of room.clients) {
      if (rules.isSpectator(client.sessionId)) spectators++;
      else players++;
    }
    for (const seat of Object.values(internals.reservedSeats)) {
      if (seat && rules.isSpectatorSeat(seat[0])) spectators++;
      else players++;
    }
    return { players, spectators };
  };
  let reservingSpectator = false;
  /** The listing's `clients` back to the players' count, when a spectator's seat moved it. */
  const listPlayersOnly = async (): Promise<void> => {
    const players = count().players;
    if (room.listing.clients !== players) await room.listing.updateOne({ $set: { clients: players } });
  };
  room.hasReachedMaxClients = (): boolean => disposing() || (!reservingSpectator && count().players >= room.maxClients);
  const reserve = internals._reserveSeat.bind(room);
  internals._reserveSeat = (sessionId, joinOptions, authData, seconds, allowReconnection, devMode) => {
    if (allowReconnection || !rules.isSpectatorSeat(joinOptions)) return reserve(sessionId, joinOptions, authData, seconds, allowReconnection, devMode);
    if (disposing() || count().spectators >= rules.spectatorLimit()) return Promise.resolve(false);
    reservingSpectator = true;
    try {
      return reserve(sessionId, joinOptions, authData, seconds, allowReconnection, devMode);
    } finally {
      reservingSpectator = false;
    }
  };
  const increment = internals._incrementClientCount.bind(room);
  internals._incrementClientCount = async () => {
    await increment();
    await listPlayersOnly();
  };
  const decrement = internals._decrementClientCount.bind(room);
  internals._decrementClientCount = async () => {
    const willDispose = await decrement();
    if (willDispose || disposing()) return willDispose;
    await listPlayersOnly();
    if (internals._lockedExplicitly) return willDispose;
    const full = room.hasReachedMaxClients();
    // `true`: an automatic (un)lock, as Colyseus's own, so an explicit lock() later still wins.
    if (full && !room.locked) await (room.lock as (automatic: boolean) => Promise<void>).call(room, true);
    else if (!full && room.locked) await (room.unlock as (automatic: boolean) => Promise<void>).call(room, true);
    return willDispose;
  };
}

/**
 * Whether `err`, thrown by `matchMaker.reserveSeatFor`, says the room refused the seat (its
 * `_reserveSeat` answered false). Colyseus 0.16 throws its SeatReservationError (not exported from
 * @colyseus/core) with the message "<roomId> is already full."; "process ... is not available."
 * is the other case (the room's process did not answer). Upgrade: check both messages.
 */
export function isSeatRefusedError(err: unknown): boolean {
  return err instanceof Error && err.constructor.name === "SeatReservationError" && err.message.endsWith("is already full.");
}
