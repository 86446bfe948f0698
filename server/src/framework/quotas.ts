import { wholeNumberFromEnv } from "./config.js";
/**
 * Caps on what one player (token identity) and one address (IP) may hold through matchmaking,
 * per process. The matchmaking gate (matchmaking-gate.ts) checks them before Colyseus creates
 * a room or reserves a seat. 0 turns a cap off.
 */
export interface MatchmakingQuotas {
  /** Seat reservations not yet taken up by a socket join (nor expired), per identity. */
  reservationsPerIdentity: number;
  /** The same per IP address. */
  reservationsPerIp: number;
  /** Rooms created in the last 60 s, per identity. */
  createsPerMinPerIdentity: number;
  /** The same per IP address. */
  createsPerMinPerIp: number;
  /** Players seated at once (in game or in the lobby, reconnect grace included) plus their pending reservations, per identity. */
  sessionsPerIdentity: number;
  /** The same per IP address. */
  sessionsPerIp: number;
}

/**
 * Defaults: an honest player holds one reservation for a round trip, plays in one or two tabs
 * and opens a room now and then; an address may be a household or a school behind one NAT.
 * Documented in docs/operations.md (Limits).
 */
export const DEFAULT_MATCHMAKING_QUOTAS: Readonly<MatchmakingQuotas> = {
  reservationsPerIdentity: 2,
  reservationsPerIp: 8,
  createsPerMinPerIdentity: 5,
  createsPerMinPerIp: 20,
  sessionsPerIdentity: 3,
  sessionsPerIp: 32,
};

/** No caps at all (the capacity bench: a thousand players from one address). */
export const NO_MATCHMAKING_QUOTAS: Readonly<MatchmakingQuotas> = {
  reservationsPerIdentity: 0,
  reservationsPerIp: 0,
  createsPerMinPerIdentity: 0,
  createsPerMinPerIp: 0,
  sessionsPerIdentity: 0,
  sessionsPerIp: 0,
};

/** The environment variable of each quota. */
export const QUOTA_ENV: Readonly<Record<keyof MatchmakingQuotas, string>> = {
  reservationsPerIdentity: "QUOTA_RESERVATIONS_PER_IDENTITY",
  reservationsPerIp: "QUOTA_RESERVATIONS_PER_IP",
  createsPerMinPerIdentity: "QUOTA_CREATES_PER_MIN_PER_IDENTITY",
  createsPerMinPerIp: "QUOTA_CREATES_PER_MIN_PER_IP",
  sessionsPerIdentity: "QUOTA_SESSIONS_PER_IDENTITY",
  sessionsPerIp: "QUOTA_SESSIONS_PER_IP",
};

/**
 * Quotas from `QUOTA_*` variables (see QUOTA_ENV); unset ones keep their default. A value that
 * is not a whole number from 0 to 1,000,000 is refused at startup rather than read as NaN (no cap).
 */
export function quotasFromEnv(env: NodeJS.ProcessEnv): MatchmakingQuotas {
  const quotas = { ...DEFAULT_MATCHMAKING_QUOTAS };
  for (const key of Object.keys(QUOTA_ENV) as (keyof MatchmakingQuotas)[]) {
    quotas[key] = wholeNumberFromEnv(QUOTA_ENV[key], env[QUOTA_ENV[key]]?.trim(), quotas[key], 0, 1_000_000);
  }
  return quotas;
}

/** True when `count` more would go past `cap` (0: no cap). */
export function atCap(count: number, cap: number): boolean {
  return cap > 0 && count >= cap;
}

/** Counts per key; a key whose count falls to 0 is forgotten, so the map holds only live keys. */
export class KeyedCounts {
  private readonly counts = new Map<string, number>();

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  add(key: string, delta: number): void {
    const next = this.get(key) + delta;
    if (next > 0) this.counts.set(key, next);
    else this.counts.delete(key);
  }

  /** Sum over every key (tests check it returns to 0). */
  total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }
}

/**
 * Events per key in the last `windowMs` (a sliding log: at most `cap` timestamps per key are
 * kept, since nothing past the cap is ever recorded). Keys with no event in the window are swept.
 */
export class SlidingWindowCounts {
  private readonly events = new Map<string, number[]>();
  private lastSweepMs: number;

  constructor(private readonly windowMs: number, private readonly now: () => number = () => performance.now()) {
    this.lastSweepMs = now();
  }

  count(key: string): number {
    const list = this.events.get(key);
    if (!list) return 0;
    const since = this.now() - this.windowMs;
    while (list.length > 0 && list[0]! <= since) list.shift();
    if (list.length === 0) this.events.delete(key);
    return list.length;
  }

  add(key: string): void {
    const nowMs = this.now();
    const list = this.events.get(key);
    if (list) list.push(nowMs);
    else this.events.set(key, [nowMs]);
    if (nowMs - this.lastSweepMs > this.windowMs) this.sweep(nowMs);
  }

  private sweep(nowMs: number): void {
    this.lastSweepMs = nowMs;
    for (const key of [...this.events.keys()]) this.count(key);
  }
}
