import { JoinErrorCode } from "./messages.js";

/** Both runtimes have it; shared compiles without DOM or Node types. */
declare function setTimeout(callback: () => void, ms: number): unknown;

/**
 * Getting back into a game after the connection or the room was lost (a dropped link, a server
 * restart or crash): the policy every client follows (the browser's Reconnector and rejoin, the
 * headless bots, the soak tool), so they behave alike. See docs/protocol.md, Reconnection.
 */

/**
 * What a failed `reconnect` or join says about the next step:
 * - `unreachable`: no answer from the server (connection refused, network error, HTTP 503 while
 *   it shuts down, a socket that died while joining): it may come back; try again later.
 * - `busy`: the server refused for now (a per-player or per-address quota); try again later.
 * - `auth`: the token was refused (4215: expired, or the server's secret changed); log in again.
 * - `gone`: the server answered that the seat or room is not there (room not found, seat
 *   expired, another player's seat): a reconnect cannot succeed; join a new room instead.
 */
export type JoinFailureKind = "unreachable" | "busy" | "auth" | "gone";

const BUSY_CODES = new Set<number>([JoinErrorCode.TooManyReservations, JoinErrorCode.TooManyRoomsCreated, JoinErrorCode.TooManySessions]);

/**
 * Classify an error thrown by colyseus.js's `reconnect` / `joinOrCreate` (a MatchMakeError or
 * ServerError with a numeric `code`, or a bare network error without one) or by a guest login.
 * Codes below 4000 are HTTP statuses or WebSocket close codes, not an answer about the seat.
 */
export function classifyJoinFailure(err: unknown): JoinFailureKind {
  const code = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  if (typeof code !== "number" || code < 4000) return "unreachable";
  if (code === JoinErrorCode.AuthFailed) return "auth";
  if (BUSY_CODES.has(code)) return "busy";
  return "gone";
}

/** Longest a client waits before rejoining because the server asked it to (`notice.retryAfterMs`), in ms: a bad hint cannot park players for long. */
export const MAX_RETRY_AFTER_MS = 30_000;

/** Default `retryAfterMs` a shutting-down server sends (RESTART_RETRY_AFTER_MS): a process manager restarts a Node server in a second or two. */
export const DEFAULT_RESTART_RETRY_AFTER_MS = 2000;

/**
 * How long a client keeps trying to get back into a game after losing its room before it gives
 * up and asks the player (a "Try again" button; the bots log a line and keep trying), in ms. A
 * restart or a redeploy takes seconds; two minutes covers a slow one without retrying forever.
 */
export const REJOIN_GIVE_UP_MS = 120_000;

/** A `retryAfterMs` hint as a wait in ms: a finite number clamped to 0..MAX_RETRY_AFTER_MS, anything else 0. */
export function retryAfterHintMs(raw: unknown): number {
  return typeof raw === "number" && Number.isFinite(raw) ? Math.min(Math.max(0, raw), MAX_RETRY_AFTER_MS) : 0;
}

export interface BackoffOptions {
  /** First delay, in ms; each next one doubles up to `maxMs`. */
  firstMs: number;
  maxMs: number;
  /** Each delay is scaled by a random factor in 1 ± jitter (0.2: ±20%), so clients that lost their server at once do not all come back in the same millisecond. */
  jitter?: number;
  random?: () => number;
}

/**
 * Exponential back-off with jitter for retries against a server that is down or busy. The cap
 * bounds how late a client notices that the server is back (at most `maxMs`·(1 + jitter) after).
 */
export class Backoff {
  private nextMs: number;

  constructor(private readonly options: BackoffOptions) {
    this.nextMs = options.firstMs;
  }

  /** The delay before the next attempt, in ms. */
  next(): number {
    const base = this.nextMs;
    this.nextMs = Math.min(this.nextMs * 2, this.options.maxMs);
    const jitter = this.options.jitter ?? 0.2;
    const random = this.options.random ?? Math.random;
    return Math.round(base * (1 + jitter * (2 * random() - 1)));
  }

  reset(): void {
    this.nextMs = this.options.firstMs;
  }
}

/** Retry delays for getting back in (reconnect, rejoin): 250 ms, doubling to 2 s (so at most 2.4 s after the server answers again). */
export const REJOIN_BACKOFF: BackoffOptions = { firstMs: 250, maxMs: 2000 };

export interface RetryJoinOptions {
  /** Wait this long before the first attempt, in ms (a `retryAfterMs` hint; default 0). */
  firstWaitMs?: number;
  /** Stop trying this long after the call, in ms (REJOIN_GIVE_UP_MS for players). */
  giveUpMs: number;
  backoff?: BackoffOptions;
  /** Called after each failed attempt with what it was and the wait before the next one. */
  onFailure?: (failure: { err: unknown; kind: JoinFailureKind; attempt: number; nextDelayMs: number }) => void;
  /** True once the caller no longer wants to get back in (it left, the page closed): the loop ends with null. */
  stopped?: () => boolean;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * Call `attempt` until it succeeds, waiting REJOIN_BACKOFF's growing delays between failures
 * whatever their kind (a server coming back answers "unreachable", then "busy" while everyone
 * rejoins at once, then lets them in). An `auth` failure is for `attempt` to act on (log in again
 * next time: `onFailure` tells it). Resolves to the result, or null when `giveUpMs` passed or
 * `stopped()` turned true.
 */
export async function retryJoin<T>(attempt: () => Promise<T>, options: RetryJoinOptions): Promise<T | null> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const stopped = options.stopped ?? (() => false);
  const deadline = now() + options.giveUpMs;
  const backoff = new Backoff(options.backoff ?? REJOIN_BACKOFF);
  if (options.firstWaitMs) await sleep(options.firstWaitMs);
  for (let n = 1; !stopped(); n++) {
    try {
      return await attempt();
    } catch (err) {
      const nextDelayMs = backoff.next();
      options.onFailure?.({ err, kind: classifyJoinFailure(err), attempt: n, nextDelayMs });
      if (now() + nextDelayMs > deadline) return null;
      await sleep(nextDelayMs);
    }
  }
  return null;
}
