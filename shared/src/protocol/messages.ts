/** Message type names, both directions. Documented in docs/protocol.md. */
export const ClientMessage = {
  /** One sampled input per client tick. */
  Input: "input",
  /** Clock-sync probe; answered with `pong`. */
  Ping: "ping",
  /** The same input packed into a room type's fixed binary record (see InputCodec); a bytes message. */
  InputPacked: 1,
  /** Answer to the server's `probe`, sent at once: { id, interpDelayMs }. */
  ProbeReply: "probe_reply",
  /** Spectators only: whose view the spectator receives, { sessionId } of a player (see docs/protocol.md, Spectators). */
  Follow: "follow",
  /** Replay viewers only: { speed, paused } (see docs/protocol.md, Replays). */
  ReplayControl: "replay_control",
} as const;

export const ServerMessage = {
  Pong: "pong",
  /** Round-trip probe: { id }; the client answers `probe_reply` at once (the server measures its RTT). */
  Probe: "probe",
  /** A rejected message: { code, message }. */
  Error: "error",
  /** Something the player should be told: { code, message }, e.g. the server is restarting. */
  Notice: "notice",
  /** How long this client's own inputs waited and how deep its server queue was (InputStatsWire), about once a second, to that client only. */
  InputStats: "input_stats",
  /** Spectators only: whom the server now follows for this spectator, { sessionId } ("" when the room has no player). */
  Following: "following",
  /** Replay viewers only: where the replay is and what its checksums found (ReplayStatusMessage). */
  ReplayStatus: "replay_status",
} as const;

/** Codes carried by the `notice` message. */
export const NoticeCode = {
  ServerRestarting: "server_restarting",
} as const;
export type NoticeCode = (typeof NoticeCode)[keyof typeof NoticeCode];

export interface NoticeMessage {
  code: NoticeCode;
  message: string;
  /**
   * `server_restarting` sent just before the room closes with 4201: how long the client should
   * wait before joining again, in ms (the server is being restarted; RESTART_RETRY_AFTER_MS).
   * Absent in the notice sent when a drain begins (the game goes on until the close).
   */
  retryAfterMs?: number;
}

/** Codes carried by the `error` message. */
export const ErrorCode = {
  InvalidMessage: "invalid_message",
  UnknownType: "unknown_type",
  RateLimited: "rate_limited",
  StaleInput: "stale_input",
  InputTooFarAhead: "input_too_far_ahead",
  InputQueueFull: "input_queue_full",
  /** The client sends inputs faster than the server ticks (a strike each window; see docs/protocol.md, Limits). */
  InputRateExceeded: "input_rate_exceeded",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Numeric error codes of a refused join: the `code` of a matchmaking answer
 * (`POST /matchmake/...`: `{ code, error }`) or of the error a refused WebSocket join gets
 * before it is closed; colyseus.js rejects the join with a ServerError carrying it.
 * 4215 is Colyseus's own AUTH_FAILED; 4220-4229 are this server's quotas.
 */
export const JoinErrorCode = {
  /** Colyseus `MATCHMAKE_INVALID_ROOM_ID`: no such room (a reconnect to a room that was disposed: after a restart or crash, the new process has none). */
  RoomNotFound: 4212,
  /** No, a forged or an expired token (Colyseus `AUTH_FAILED`). */
  AuthFailed: 4215,
  /** Too many seat reservations not yet taken up by a socket, for this identity or address. */
  TooManyReservations: 4221,
  /** Too many rooms created in the last minute, by this identity or address. */
  TooManyRoomsCreated: 4222,
  /** Too many players in game at once, for this identity or address. */
  TooManySessions: 4223,
  /** A reconnect with a token of another identity than the one that held the seat. */
  ReconnectIdentityMismatch: 4224,
  /** A spectator join to a room whose spectator seats (SPECTATORS_PER_ROOM) are all taken. */
  SpectatorsFull: 4225,
} as const;
export type JoinErrorCode = (typeof JoinErrorCode)[keyof typeof JoinErrorCode];

/** WebSocket close codes the server uses (4000-4999 are application codes). */
export const CloseCode = {
  /** Colyseus: the client left on purpose (Protocol.WS_CLOSE_CONSENTED). */
  Consented: 4000,
  /** Colyseus: a message could not be decoded (Protocol.WS_CLOSE_WITH_ERROR). */
  UndecodableMessage: 4002,
  /** Colyseus: the server is shutting down (Protocol.WS_SERVER_DISCONNECT). */
  ServerShutdown: 4201,
  /** Too many invalid or rate-limited messages, or inputs sent faster than the tick for several seconds. */
  Abuse: 4401,
  /** No input for the room's idle limit (IDLE_KICK_SEC); no reconnection seat is kept. */
  Idle: 4408,
  /** The room's simulation failed and the room was closed. */
  RoomError: 4500,
} as const;

/**
 * Owner-only report on the receiving client's own inputs over the last window (about one second),
 * sent by the server about once a second. Not a schema field: one message per client per second
 * costs less than a synced field per player. On the wire it is an InputStatsWire array (about 28
 * bytes a second per client with the message type); this is its decoded form.
 */
export interface InputStatsMessage {
  /** Length of the window reported, in ticks. */
  windowTicks: number;
  /** Inputs applied in the window. */
  applied: number;
  /**
   * Age of an input when the tick applied it, median and 99th percentile, in ms (to 0.1 ms):
   * time from its arrival at the server to its tick, plus the ticks it waited in its batch at the
   * client, plus the one-way trip when the server measures it (0 until then).
   */
  ageMsP50: number;
  ageMsP99: number;
  /** Inputs still waiting after each tick of the window: mean (to 0.1), least and most. */
  queueDepthMean: number;
  queueDepthMin: number;
  queueDepthMax: number;
  /** Ticks in the window that found this client's queue empty (its input was late or missing). */
  starvedTicks: number;
  /** Inputs of this client the server refused since it joined (stale, too far ahead, queue full). */
  dropped: number;
}

/**
 * InputStatsMessage on the wire: its fields in this order, as non-negative integers (the ages and
 * the mean depth in tenths), so msgpack spends a byte or three per field instead of a key and a
 * float64 each (139 bytes as a map, 13-15 as this array; with the Colyseus type prefix about 28).
 */
export type InputStatsWire = [
  windowTicks: number, applied: number, ageTenthsMsP50: number, ageTenthsMsP99: number, queueDepthTenthsMean: number,
  queueDepthMin: number, queueDepthMax: number, starvedTicks: number, dropped: number,
];
const INPUT_STATS_FIELDS = 9;

/** Write `m` into `out` (reused by the server for every report) in its wire form. */
export function encodeInputStats(m: InputStatsMessage, out: InputStatsWire): InputStatsWire {
  out[0] = m.windowTicks;
  out[1] = m.applied;
  out[2] = Math.round(m.ageMsP50 * 10);
  out[3] = Math.round(m.ageMsP99 * 10);
  out[4] = Math.round(m.queueDepthMean * 10);
  out[5] = m.queueDepthMin;
  out[6] = m.queueDepthMax;
  out[7] = m.starvedTicks;
  out[8] = m.dropped;
  return out;
}

/** The report a wire array carries, or null when it is not one (wrong length, negative or not integers). */
export function decodeInputStats(wire: unknown): InputStatsMessage | null {
  if (!Array.isArray(wire) || wire.length !== INPUT_STATS_FIELDS || !wire.every((x) => Number.isInteger(x) && x >= 0)) return null;
  const w = wire as InputStatsWire;
  return {
    windowTicks: w[0], applied: w[1], ageMsP50: w[2] / 10, ageMsP99: w[3] / 10, queueDepthMean: w[4] / 10,
    queueDepthMin: w[5], queueDepthMax: w[6], starvedTicks: w[7], dropped: w[8],
  };
}

export interface ErrorMessage {
  code: ErrorCode;
  message: string;
}

export interface PongMessage {
  id: number;
  clientTimeMs: number;
  /** Server clock in ms: tick * tickMs plus the part of the current tick elapsed. */
  serverTimeMs: number;
}

export interface ProbeMessage {
  id: number;
}

/**
 * Whether a player id is a server-side bot's: bots are seated as "bot-<n>" (see
 * server/src/framework/bot-fill.ts), which a Colyseus sessionId (9 random characters) never is.
 */
export function isBotId(id: string): boolean {
  return /^bot-\d{1,3}$/.test(id);
}
