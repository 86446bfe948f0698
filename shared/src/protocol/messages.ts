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
} as const;

export const ServerMessage = {
  Pong: "pong",
  /** Round-trip probe: { id }; the client answers `probe_reply` at once (the server measures its RTT). */
  Probe: "probe",
  /** A rejected message: { code, message }. */
  Error: "error",
  /** A shot the server resolved (arena). */
  Shot: "shot",
  /** Something the player should be told: { code, message }, e.g. the server is restarting. */
  Notice: "notice",
} as const;

/** Codes carried by the `notice` message. */
export const NoticeCode = {
  ServerRestarting: "server_restarting",
} as const;
export type NoticeCode = (typeof NoticeCode)[keyof typeof NoticeCode];

export interface NoticeMessage {
  code: NoticeCode;
  message: string;
}

/** Codes carried by the `error` message. */
export const ErrorCode = {
  InvalidMessage: "invalid_message",
  UnknownType: "unknown_type",
  RateLimited: "rate_limited",
  StaleInput: "stale_input",
  InputTooFarAhead: "input_too_far_ahead",
  InputQueueFull: "input_queue_full",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** WebSocket close codes the server uses (4000-4999 are application codes). */
export const CloseCode = {
  /** Colyseus: the client left on purpose (Protocol.WS_CLOSE_CONSENTED). */
  Consented: 4000,
  /** Colyseus: a message could not be decoded (Protocol.WS_CLOSE_WITH_ERROR). */
  UndecodableMessage: 4002,
  /** Colyseus: the server is shutting down (Protocol.WS_SERVER_DISCONNECT). */
  ServerShutdown: 4201,
  /** Too many invalid or rate-limited messages. */
  Abuse: 4401,
  /** The room's simulation failed and the room was closed. */
  RoomError: 4500,
} as const;

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

export interface ShotMessage {
  /** sessionId of the shooter. */
  by: string;
  /** Seq of the shooter's input that fired (lets the shooter match its predicted shot to the verdict). */
  seq: number;
  tick: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** sessionId of the player hit, or "" */
  hit: string;
  /**
   * How far back the targets were rewound for this shot, in ms (lag compensation): the tick the
   * shooter was drawing them at, within the server's bounds (see docs/protocol.md).
   */
  rewindMs: number;
  /** True when the shooter's view tick was further back than the server allows and was moved forward. */
  clamped: boolean;
}
