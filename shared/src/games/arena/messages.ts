/** The arena's own messages (a game message: see docs/writing-a-room-type.md, "Messages"). */
export const ArenaMessage = {
  /** Server -> everyone: a shot the server resolved (ShotMessage), sent with the next patch. */
  Shot: "shot",
  /** Server -> everyone: a player killed another (KillMessage), for the kill feed and "killed by". */
  Kill: "kill",
} as const;

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

/** A kill, broadcast to everyone with the patch that shows the victim dead. */
export interface KillMessage {
  /** Player id (sessionId, or "bot-<n>") of the killer and of the victim. */
  by: string;
  victim: string;
  /** Their display names at the time (either may leave before the feed line fades). */
  byName: string;
  victimName: string;
  /** Tick of the kill, and the tick the victim respawns at (the client counts down to it). */
  tick: number;
  respawnTick: number;
}
