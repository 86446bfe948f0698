import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { ErrorCode as ColyseusErrorCode, ServerError, matchMaker, type AuthContext, type Presence } from "@colyseus/core";
import { JoinErrorCode } from "@arena/shared";
import { AuthError, identityProvider, type Identity } from "./auth/index.js";
import { addressKey } from "./address-key.js";
import { logger } from "./logger.js";
import { metrics } from "./metrics.js";
import { KeyedCounts, SlidingWindowCounts, atCap, quotasFromEnv, type MatchmakingQuotas } from "./quotas.js";

/**
 * What a join the gate admitted carries: Colyseus makes it `client.auth` and onJoin's third
 * argument. Plain JSON (it crosses processes with the seat reservation).
 */
export interface GateAuth extends Identity {
  /** The player's address as the gate saw it at matchmaking (TRUST_PROXY applied; IPv6 by /64). */
  ip: string;
  /** The seat reservation this join holds until its socket takes the seat (or it expires). */
  ticket: string;
  /** A lobby join: no token, no identity; only the per-address caps apply. */
  anonymous: boolean;
}

export interface GateOptions {
  quotas: MatchmakingQuotas;
  /** The client's address of a matchmaking request (game-server.ts applies TRUST_PROXY). Default: the socket's. */
  clientAddress: (req: IncomingMessage) => string;
  /**
   * How long a reserved seat waits for its socket, in s: rooms behind the gate set it as their
   * Colyseus seat reservation time (`gatedSeatReservation`), and the gate counts a reservation
   * against its holder for a second longer, so the count never drops before the seat is freed.
   * Default: COLYSEUS_SEAT_RESERVATION_TIME, else Colyseus's 15.
   */
  seatReservationSec: number;
  /** Monotonic clock in ms (tests inject one). */
  now: () => number;
  /**
   * Where a seat taken on another process than the one that matchmade it is reported, so that
   * process releases the reservation at once (Colyseus presence: Redis with several processes).
   * Default: the matchmaker's presence, once matchmaking runs.
   */
  presence: () => Presence | undefined;
}

/** Snapshot of what the gate counts (tests check that it all returns to zero). */
export interface GateCounts {
  reservations: number;
  sessions: number;
}

const SUMMARY_INTERVAL_MS = 10_000;
const CAP_WORDS = { identity: "this player", ip: "this address" } as const;

/**
 * The matchmaking gate: every matchmaking call (create, joinOrCreate, join, joinById) passes
 * here, from the room class's static onAuth, before Colyseus creates a room or reserves a seat.
 * It checks the token (4215 on failure, as the socket path did), then the per-identity and
 * per-address quotas (4221-4223), and counts what it let through:
 *
 * - a seat reservation, from now until the socket takes the seat (`seated`) or it expires;
 * - a room creation, for 60 s (only when the call will create one: `create`, or `joinOrCreate`
 *   with no room available);
 * - a session, from the socket join (`seated`) until the player is gone for good (`left`,
 *   after any reconnect grace).
 *
 * Counts are per process: with several processes behind Redis each enforces its own; a seat
 * taken on another process than the one that matchmade it is reported back over presence.
 * Game-agnostic; one instance per process (`matchmakingGate()`).
 */
export class MatchmakingGate {
  readonly quotas: MatchmakingQuotas;
  private readonly options: GateOptions;
  private readonly reservations = { identity: new KeyedCounts(), ip: new KeyedCounts() };
  private readonly sessionCounts = { identity: new KeyedCounts(), ip: new KeyedCounts() };
  private readonly creations: { identity: SlidingWindowCounts; ip: SlidingWindowCounts };
  private readonly tickets = new Map<string, { auth: GateAuth; timer: NodeJS.Timeout }>();
  private readonly sessions = new Map<string, GateAuth>();
  /**
   * Colyseus retries joinOrCreate/join (up to 5 times, calling onAuth each time) when a seat
   * reservation loses a race for the last seat, with the same options object: one request, one ticket.
   */
  private readonly admitted = new WeakMap<object, GateAuth>();
  private readonly refusals = new Map<number, { count: number; lastLineMs: number }>();
  private nextTicket = 0;
  /** The presence this gate hears of its seats taken on other processes from (subscribed on the first admit). */
  private listening: Presence | undefined;
  /** Tickets are unique across processes (a seat may be taken on another process than the one that matchmade it). */
  private readonly ticketPrefix = randomBytes(6).toString("base64url");

  constructor(options: Partial<GateOptions> = {}) {
    this.options = {
      quotas: options.quotas ?? quotasFromEnv(process.env),
      clientAddress: options.clientAddress ?? ((req) => req.socket.remoteAddress ?? "unknown"),
      seatReservationSec: options.seatReservationSec ?? (Number(process.env.COLYSEUS_SEAT_RESERVATION_TIME) || 15),
      now: options.now ?? (() => performance.now()),
      presence: options.presence ?? (() => matchMaker.presence),
    };
    this.quotas = this.options.quotas;
    this.creations = { identity: new SlidingWindowCounts(60_000, this.options.now), ip: new SlidingWindowCounts(60_000, this.options.now) };
  }

  /**
   * Admit one matchmaking call or throw a ServerError with its JoinErrorCode. `anonymous`: no
   * token needed (the lobby); only the per-address quotas apply.
   */
  async admit(token: string | undefined, options: unknown, context: AuthContext, anonymous: boolean): Promise<GateAuth> {
    this.listenForRemoteSeats();
    const retried = isObject(options) ? this.admitted.get(options) : undefined;
    if (retried) return retried;
    const ip = context?.req ? addressKey(this.options.clientAddress(context.req)) : "unknown";
    const identity = anonymous ? { id: "", name: "" } : await this.verify(token, ip);
    const call = matchmakeCall(context);
    const willCreate = call.method === "create" || (call.method === "joinOrCreate" && !(await roomAvailable(call.target, options)));
    // From here on nothing awaits: the checks and the charges happen together.
    const who = { identity: anonymous ? null : identity.id, ip };
    this.check(who, willCreate);
    const auth: GateAuth = { id: identity.id, name: identity.name, ip, ticket: `${this.ticketPrefix}.${++this.nextTicket}`, anonymous };
    this.charge(who, auth, willCreate);
    if (isObject(options)) this.admitted.set(options, auth);
    return auth;
  }

  /** A socket took the seat `auth` reserved: the reservation ends and a session begins. */
  seated(sessionId: string, auth: unknown): void {
    if (!isGateAuth(auth)) return;
    if (this.tickets.has(auth.ticket)) this.releaseTicket(auth.ticket);
    else this.reportRemoteSeat(auth.ticket);
    if (this.sessions.has(sessionId)) return;
    this.sessions.set(sessionId, auth);
    if (!auth.anonymous) this.sessionCounts.identity.add(auth.id, 1);
    this.sessionCounts.ip.add(auth.ip, 1);
  }

  /** The session is over for good (left, kicked, reconnect grace expired, room closed). Idempotent. */
  left(sessionId: string): void {
    const auth = this.sessions.get(sessionId);
    if (!auth) return;
    this.sessions.delete(sessionId);
    if (!auth.anonymous) this.sessionCounts.identity.add(auth.id, -1);
    this.sessionCounts.ip.add(auth.ip, -1);
  }

  /**
   * A reconnect wants the seat `held` (the auth of the player who had it): only with a valid
   * token of that same identity. Throws 4215 (no or bad token) or 4224 (another identity).
   */
  async reconnecting(held: unknown, token: string | undefined, ip: string): Promise<void> {
    const identity = await this.verify(token, ip, "reconnect refused: ");
    if (!isGateAuth(held) || held.anonymous || held.id !== identity.id) {
      this.refuse(JoinErrorCode.ReconnectIdentityMismatch, "reconnect refused: this seat belongs to another player", { ip });
    }
  }

  /** Seat reservation time of the rooms behind this gate, in s (see GateOptions). */
  get seatReservationSec(): number {
    return this.options.seatReservationSec;
  }

  counts(): GateCounts {
    return { reservations: this.tickets.size, sessions: this.sessions.size };
  }

  /** Stop the reservation timers and the presence subscription (a replaced gate, a closed test server). */
  dispose(): void {
    for (const { timer } of this.tickets.values()) clearTimeout(timer);
    this.tickets.clear();
    if (this.listening) this.quietly(() => this.listening?.unsubscribe(this.seatChannel(this.ticketPrefix), this.onRemoteSeat));
    this.listening = undefined;
  }

  /** Presence channel on which the gate whose tickets start with `prefix` hears of its seats taken elsewhere. */
  private seatChannel(prefix: string): string {
    return `matchmaking-gate:seated:${prefix}`;
  }

  private readonly onRemoteSeat = (ticket: unknown): void => {
    if (typeof ticket === "string") this.releaseTicket(ticket);
  };

  private listenForRemoteSeats(): void {
    if (this.listening) return;
    const presence = this.options.presence();
    if (!presence) return;
    this.listening = presence;
    this.quietly(() => presence.subscribe(this.seatChannel(this.ticketPrefix), this.onRemoteSeat));
  }

  /** A ticket of another process's gate: tell it (nothing to do when it was this process's and has expired). */
  private reportRemoteSeat(ticket: string): void {
    const prefix = ticket.slice(0, ticket.indexOf("."));
    if (!prefix || prefix === this.ticketPrefix) return;
    const presence = this.options.presence();
    if (presence) this.quietly(() => presence.publish(this.seatChannel(prefix), ticket));
  }

  /** Presence calls are best effort: a lost message only means the reservation counts until it expires. */
  private quietly(call: () => unknown): void {
    try {
      const result = call();
      if (result instanceof Promise) result.catch((err: unknown) => logger.warn({ err }, "matchmaking gate: presence call failed"));
    } catch (err) {
      logger.warn({ err }, "matchmaking gate: presence call failed");
    }
  }

  private async verify(token: string | undefined, ip: string, prefix = ""): Promise<Identity> {
    try {
      return await identityProvider().verify(token);
    } catch (err) {
      const reason = err instanceof AuthError ? err.message : "authentication failed";
      return this.refuse(ColyseusErrorCode.AUTH_FAILED, prefix + reason, { ip });
    }
  }

  private check(who: { identity: string | null; ip: string }, willCreate: boolean): void {
    const q = this.quotas;
    for (const scope of ["identity", "ip"] as const) {
      const key = who[scope];
      if (key === null) continue;
      const perIdentity = scope === "identity";
      const reserved = this.reservations[scope].get(key);
      const reservationCap = perIdentity ? q.reservationsPerIdentity : q.reservationsPerIp;
      if (atCap(reserved, reservationCap)) {
        this.refuse(JoinErrorCode.TooManyReservations, `${CAP_WORDS[scope]} already has ${reservationCap} joins in progress; finish joining first`, { scope, ip: who.ip });
      }
      const sessionCap = perIdentity ? q.sessionsPerIdentity : q.sessionsPerIp;
      if (atCap(this.sessionCounts[scope].get(key) + reserved, sessionCap)) {
        this.refuse(JoinErrorCode.TooManySessions, `${CAP_WORDS[scope]} already has ${sessionCap} players in game or joining; leave a game first`, { scope, ip: who.ip });
      }
      const createCap = perIdentity ? q.createsPerMinPerIdentity : q.createsPerMinPerIp;
      if (willCreate && atCap(this.creations[scope].count(key), createCap)) {
        this.refuse(JoinErrorCode.TooManyRoomsCreated, `${CAP_WORDS[scope]} created ${createCap} rooms in the last minute; join one or wait`, { scope, ip: who.ip });
      }
    }
  }

  private charge(who: { identity: string | null; ip: string }, auth: GateAuth, willCreate: boolean): void {
    for (const scope of ["identity", "ip"] as const) {
      const key = who[scope];
      if (key === null) continue;
      this.reservations[scope].add(key, 1);
      if (willCreate) this.creations[scope].add(key);
    }
    const timer = setTimeout(() => this.releaseTicket(auth.ticket), (this.options.seatReservationSec + 1) * 1000);
    timer.unref();
    this.tickets.set(auth.ticket, { auth, timer });
  }

  private releaseTicket(ticket: string): void {
    const held = this.tickets.get(ticket);
    if (!held) return;
    clearTimeout(held.timer);
    this.tickets.delete(ticket);
    if (!held.auth.anonymous) this.reservations.identity.add(held.auth.id, -1);
    this.reservations.ip.add(held.auth.ip, -1);
  }

  /** Count the refusal, log it (one line per code per 10 s, with how many were refused since), throw it. */
  private refuse(code: number, message: string, fields: Record<string, unknown>): never {
    metrics.joinRefusals.inc({ code: String(code) });
    const nowMs = this.options.now();
    let entry = this.refusals.get(code);
    if (!entry) {
      entry = { count: 0, lastLineMs: -Infinity };
      this.refusals.set(code, entry);
    }
    entry.count++;
    if (nowMs - entry.lastLineMs >= SUMMARY_INTERVAL_MS) {
      logger.warn({ ...fields, code, refusedSinceLastLine: entry.count }, `join refused: ${message}`);
      entry.count = 0;
      entry.lastLineMs = nowMs;
    }
    throw new ServerError(code, message);
  }
}

/** Which matchmaking method and target (room type or id) an HTTP matchmaking request names. */
function matchmakeCall(context: AuthContext | undefined): { method: string; target: string } {
  const match = /\/matchmake\/([A-Za-z]+)\/([A-Za-z0-9_-]+)/.exec(context?.req?.url ?? "");
  return { method: match?.[1] ?? "unknown", target: match?.[2] ?? "" };
}

/** Would joinOrCreate find a room? The same query Colyseus runs next; on any doubt, assume it creates. */
async function roomAvailable(roomName: string, options: unknown): Promise<boolean> {
  try {
    return Boolean(await matchMaker.findOneRoomAvailable(roomName, (isObject(options) ? options : {}) as Record<string, unknown>));
  } catch {
    return false;
  }
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

function isGateAuth(value: unknown): value is GateAuth {
  return isObject(value) && typeof (value as GateAuth).ticket === "string" && typeof (value as GateAuth).ip === "string";
}

let gate: MatchmakingGate | undefined;

/** The process's gate (created from the QUOTA_* environment on first use). */
export function matchmakingGate(): MatchmakingGate {
  gate ??= new MatchmakingGate();
  return gate;
}

/** Replace the process's gate (startGameServer does, with its quotas and TRUST_PROXY-aware addresses). */
export function configureMatchmakingGate(options: Partial<GateOptions>): MatchmakingGate {
  gate?.dispose();
  gate = new MatchmakingGate(options);
  return gate;
}
