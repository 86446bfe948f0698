import { randomBytes } from "node:crypto";
import { wholeNumberFromEnv } from "../config.js";
import type { Recording } from "./replay.js";

/** A recording to be replayed in a new room, as the HTTP route (POST /replays) hands it over. */
export interface ReplayOffer {
  /** `<room>/<file name without .rec>` (see recordings-route.ts). */
  recordingId: string;
  recording: Recording;
  /** The tick the room starts at (fast-forwarded headless at create); the recording's start tick for none. */
  atTick: number;
  /** The requesting address (the per-address limit counts its replay rooms). */
  address: string;
}

/** Bounds on replay rooms (docs/operations.md, Limits). */
export interface ReplayLimits {
  /** Replay rooms open at once in this process (REPLAY_ROOMS_MAX). */
  maxRooms: number;
  /** Replay rooms open at once per client address (REPLAY_ROOMS_PER_ADDRESS): a seek opens the next before the last closes. */
  maxRoomsPerAddress: number;
  /** Viewers (spectator seats) per replay room (REPLAY_VIEWERS_PER_ROOM). */
  viewersPerRoom: number;
}

export const DEFAULT_REPLAY_LIMITS: ReplayLimits = { maxRooms: 16, maxRoomsPerAddress: 3, viewersPerRoom: 4 };

let limits: ReplayLimits = DEFAULT_REPLAY_LIMITS;

export function configureReplayLimits(next: ReplayLimits): void {
  limits = next;
}

export function replayLimits(): ReplayLimits {
  return limits;
}

/** REPLAY_ROOMS_MAX, REPLAY_ROOMS_PER_ADDRESS, REPLAY_VIEWERS_PER_ROOM (defaults: DEFAULT_REPLAY_LIMITS). */
export function replayLimitsFromEnv(env: NodeJS.ProcessEnv): ReplayLimits {
  const d = DEFAULT_REPLAY_LIMITS;
  return {
    maxRooms: wholeNumberFromEnv("REPLAY_ROOMS_MAX", env.REPLAY_ROOMS_MAX, d.maxRooms, 0, 10_000),
    maxRoomsPerAddress: wholeNumberFromEnv("REPLAY_ROOMS_PER_ADDRESS", env.REPLAY_ROOMS_PER_ADDRESS, d.maxRoomsPerAddress, 1, 1000),
    viewersPerRoom: wholeNumberFromEnv("REPLAY_VIEWERS_PER_ROOM", env.REPLAY_VIEWERS_PER_ROOM, d.viewersPerRoom, 1, 1000),
  };
}

/**
 * Offers waiting for their room's onCreate, by an unguessable token: the create option
 * `replay: <token>` is how a room learns it is a replay. Only this process's HTTP route makes
 * offers, so a client's create option `replay` finds nothing and the create is refused.
 */
const offers = new Map<string, ReplayOffer>();
/** Open replay rooms: roomId -> the address that asked for it. */
const open = new Map<string, string>();

/**
 * Hand `offer` over to the room created next with `{ replay: token }`, counting it against the
 * limits at once (two requests at the same time cannot both take the last place); or the
 * refusal's error code when a limit is reached. Withdraw the token when the create is done.
 */
export function offerReplay(offer: ReplayOffer): { token: string } | { refused: "replays_busy" | "too_many_replays" } {
  if (open.size >= limits.maxRooms) return { refused: "replays_busy" };
  let mine = 0;
  for (const a of open.values()) if (a === offer.address) mine++;
  if (mine >= limits.maxRoomsPerAddress) return { refused: "too_many_replays" };
  const token = randomBytes(18).toString("base64url");
  offers.set(token, offer);
  open.set(`offer:${token}`, offer.address);
  return { token };
}

/** The create is done (or failed): an offer not taken no longer counts. */
export function withdrawReplay(token: string): void {
  offers.delete(token);
  open.delete(`offer:${token}`);
}

/**
 * The replay a room's create options name (`replay`), taken (each offer opens one room, which
 * counts against the limits until replayRoomClosed), or null for an ordinary room. Throws for a
 * `replay` option that names no offer.
 */
export function takeReplay(options: unknown, roomId: string): ReplayOffer | null {
  const token = (options as { replay?: unknown } | null | undefined)?.replay;
  if (token === undefined) return null;
  const offer = typeof token === "string" ? offers.get(token) : undefined;
  if (!offer) throw new Error("no such replay (replay rooms are opened by POST /replays)");
  withdrawReplay(token as string);
  open.set(roomId, offer.address);
  return offer;
}

export function replayRoomClosed(roomId: string): void {
  open.delete(roomId);
}

/** Replay rooms open in this process. */
export function openReplayRooms(): number {
  return open.size;
}
