import type { LinkConditions } from "../net/index.js";

/** What the page was opened with: player name and simulated link conditions. */
export interface LaunchOptions {
  name: string;
  link: LinkConditions;
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
