import type { Client } from "colyseus.js";
import type { LinkConditions, SpectatorSeat } from "../../net/index.js";

/** A spectator seat reserved before the game loads (the reservation names the room type), and the client that holds it. */
export interface WatchSeat {
  client: Client;
  reservation: SpectatorSeat;
}

/**
 * Which room to join: quick play of a room type (the fullest room with space, else a new one),
 * a new room of a type, one room by id (from a shared link), or one room by id as a spectator
 * (`watch`: its `roomName` is "" until the page has reserved the seat, whose answer names the
 * type; `seat` is that reservation, taken up by connectGame).
 */
export type JoinTarget =
  | { kind: "quick"; roomName: string }
  | { kind: "create"; roomName: string }
  | { kind: "id"; roomName: string; roomId: string }
  | { kind: "watch"; roomName: string; roomId: string; seat?: WatchSeat; replay?: ReplayTarget };

/** A recording to replay (`?replay=<id>[&at=<tick>]`): watched as a spectator of a replay room. */
export interface ReplayTarget {
  /** `<room type>/<file name without .rec>` (GET /recordings). */
  id: string;
  atTick?: number;
}

const RECORDING_ID = /^[a-z0-9][a-z0-9_-]{0,31}\/[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** What the page was opened with: player name, simulated link conditions and what to join (null: the lobby). */
export interface LaunchOptions {
  name: string;
  link: LinkConditions;
  target: JoinTarget | null;
}

/** Room type names are short identifiers; anything else is ignored. */
const ROOM_NAME = /^[a-z][a-z0-9_-]{0,31}$/;
const ROOM_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** `?play=<type>` | `?create=<type>` | `?room=<roomId>&type=<type>` | `?room=<roomId>&watch`, or null. */
export function readJoinTarget(params: URLSearchParams): JoinTarget | null {
  const play = params.get("play") ?? "";
  const create = params.get("create") ?? "";
  const roomId = params.get("room") ?? "";
  const type = params.get("type") ?? "";
  if (ROOM_ID.test(roomId) && params.has("watch")) return { kind: "watch", roomName: "", roomId };
  const replay = params.get("replay") ?? "";
  if (RECORDING_ID.test(replay) && !replay.includes("..")) {
    const at = Number(params.get("at") ?? "");
    return { kind: "watch", roomName: "", roomId: "", replay: { id: replay, atTick: Number.isInteger(at) && at > 0 ? at : undefined } };
  }
  if (ROOM_ID.test(roomId) && ROOM_NAME.test(type)) return { kind: "id", roomName: type, roomId };
  if (ROOM_NAME.test(create)) return { kind: "create", roomName: create };
  if (ROOM_NAME.test(play)) return { kind: "quick", roomName: play };
  return null;
}

/** The page that replays one recording. */
export function replayLink(origin: string, id: string): string {
  return `${origin}/?replay=${encodeURIComponent(id)}`;
}

/** The link that joins one room directly. */
export function roomLink(origin: string, roomName: string, roomId: string): string {
  return `${origin}/?type=${encodeURIComponent(roomName)}&room=${encodeURIComponent(roomId)}`;
}

/** The link that watches one room as a spectator (the room type comes with the seat). */
export function watchLink(origin: string, roomId: string): string {
  return `${origin}/?room=${encodeURIComponent(roomId)}&watch`;
}

/** Where the last used name is remembered between visits. */
export const NAME_STORAGE_KEY = "arena.name";
const DEFAULT_NAME = "Guest";

/** The few Storage methods used (so tests can pass a fake). */
export type NameStore = Pick<Storage, "getItem" | "setItem">;

function nonNegative(raw: string | null): number {
  const value = raw === null ? NaN : Number(raw);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * Read `?name=`, `?lag=` (added round trip in ms, so each direction gets lag/2),
 * `?jitter=` (extra random one-way delay in ms) and `?bw=` (bytes/s cap each way).
 * `?play=` / `?create=` / `?room=&type=` / `?room=&watch` pick the room (see readJoinTarget).
 * A name given in the URL is remembered; otherwise the remembered one is used, else "Guest".
 * The server sanitises names again; this only trims.
 */
export function readLaunchOptions(search: string, store: NameStore | null): LaunchOptions {
  const params = new URLSearchParams(search);
  const fromUrl = params.get("name")?.trim() ?? "";
  let name = fromUrl;
  try {
    if (fromUrl) store?.setItem(NAME_STORAGE_KEY, fromUrl);
    else name = store?.getItem(NAME_STORAGE_KEY)?.trim() ?? "";
  } catch {
    // Storage can be disabled (privacy modes); the name still works for this visit.
  }
  return {
    target: readJoinTarget(params),
    name: name || DEFAULT_NAME,
    link: {
      latencyMs: nonNegative(params.get("lag")) / 2,
      jitterMs: nonNegative(params.get("jitter")),
      bandwidthBytesPerSec: nonNegative(params.get("bw")),
    },
  };
}

/** The browser's localStorage, or null where touching it throws. */
export function browserNameStore(): NameStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
