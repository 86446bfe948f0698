import type { Client, Room } from "@colyseus/core";
import type { ZodType } from "zod";
import {
  ClientMessage, CloseCode, ErrorCode, ServerMessage, followSchema, pingSchema, replayControlSchema, type ReplayControlMessage, probeReplySchema, type ErrorMessage,
  type InputCodec, type InputStatsMessage, type PongMessage, type ProbeMessage,
} from "@arena/shared";
import { ClientGuard } from "./client-guard.js";
import { observeServerClose } from "./colyseus/index.js";
import type { TickRoomConfig } from "./config.js";
import { GameMessageLimits, checkGameMessages, type GameMessage, type GameMessages, type QueuedGameMessage } from "./game-messages.js";
import { InputExcessMeter, excessOptionsAt, type InputExcessOptions } from "./input-excess.js";
import { InputQueue, type InputRejection } from "./input-queue.js";
import { earliestViewTick } from "./lag-compensation.js";
import type { Logger } from "./logger.js";
import { metrics } from "./metrics.js";
import { RefusalLog } from "./refusal-log.js";
import { RoundTripMeter } from "./round-trip.js";
import type { TickContext } from "./tick-types.js";
import { parseMessage } from "./validation.js";

/** Most packed input records one message may carry. */
const MAX_PACKED_INPUTS = 4;
/** Input ages kept per session between two reports (about a second of inputs at 60 Hz; a power of two). */
const AGE_SAMPLES = 64;
/** Room-wide input age histogram: 0.5 ms buckets up to 1 s, plus one for anything older. */
const AGE_BUCKET_MS = 0.5;
const AGE_BUCKETS = 2001;
/** Start value of a window's least queue depth (an integer, so the field stays a small integer). */
const MAX_DEPTH = 0x3fffffff;

const INPUT_REJECTION_CODE: Record<InputRejection, ErrorCode> = {
  stale: ErrorCode.StaleInput,
  "too-far-ahead": ErrorCode.InputTooFarAhead,
  "queue-full": ErrorCode.InputQueueFull,
};

export interface ClientIntakeOptions<I> {
  config: TickRoomConfig;
  /** Validator of the `input` message. */
  inputSchema: ZodType<I>;
  /** Decoder of `input_packed` records; null when the room type has none. */
  inputCodec: InputCodec<I> | null;
  log: Logger;
  /** The room's clock for `pong` (ms on the tick timeline). */
  serverTimeMs: () => number;
  /** The room type's own client messages (see defineGameMessage); none when absent. */
  gameMessages?: GameMessages;
  /** The context an "arrival" game message handler gets (the last tick computed). */
  arrivalContext?: () => TickContext;
  /** A spectator asks to follow `playerId`: false when no such player is in the room. */
  follow?: (spectatorId: string, playerId: string) => boolean;
  /** A replay room only: a viewer (spectator) sets the speed or pauses. Absent: `replay_control` is an unknown message. */
  replayControl?: (spectatorId: string, control: ReplayControlMessage) => void;
}

/**
 * Room-wide input pacing figures since the last `resetPacingStats` (the bench reads them).
 * Histograms, so collecting them allocates nothing per tick.
 */
export interface PacingStats {
  /** Inputs applied, by age at application in AGE_BUCKET_MS buckets (see inputAgeMsPercentile). */
  readonly ageHistogram: Uint32Array;
  /** Player-ticks, by inputs still queued after the tick (the last bucket: that many or more). */
  readonly depthHistogram: Uint32Array;
  /** Player-ticks that found the player's queue empty. */
  starvedTicks: number;
  /** Inputs applied on catch-up credit after a stall. */
  stallCatchUpInputs: number;
}

/** Why the server closed a connection (the `reason` label of game_kicks_total). */
type KickReason = "abuse" | "input_rate" | "undecodable" | "idle";

/** One session's intake: its input queue, its limits, its measured link, and what the tick took from it. */
interface IntakeEntry<I extends { seq: number }> {
  readonly sessionId: string;
  /** A spectator: it may send `ping`, `probe_reply` and `follow`, nothing else. */
  readonly spectator: boolean;
  readonly queue: InputQueue<I>;
  /** Inputs received against ticks elapsed: a client that keeps sending faster than the tick is closed. */
  readonly excess: InputExcessMeter;
  /** Log budget of this session's refused messages. */
  readonly refusals: RefusalLog;
  /** This session's own limits of the game message types that have one. */
  readonly gameLimits: GameMessageLimits;
  /** When this session's last input arrived (or it joined), on the monotonic clock (performance.now), in ms. */
  lastInputAtMs: number;
  /** Round trip measured by the server, and the interpolation delay the client reports. */
  readonly link: RoundTripMeter;
  /** Null once the session was kicked: its messages are ignored from then on. */
  guard: ClientGuard | null;
  /** Whether the first round-trip probe went out (with the first input). */
  probed: boolean;
  /** Seq of the last input takeDue handed out and takeAcks has not reported yet; 0 when none. */
  unreportedAck: number;
  /** Inputs this player may apply now: one earned per tick, at most config.inputCreditCap. */
  creditTicks: number;
  /** Ticks a stall took from this player, still to be applied on top of the credit. */
  stallCreditTicks: number;
  /** The tick count at which unused stall credit lapses. */
  stallCreditUntilTick: number;
  /** The report window (see reportInputStats): ages of applied inputs (ms; the last AGE_SAMPLES), depths, starved ticks. */
  readonly agesMs: Float32Array;
  ageCount: number;
  windowTicks: number;
  depthSum: number;
  depthMin: number;
  depthMax: number;
  starvedTicks: number;
}

/** The input age at or below which `share` (0..1) of the inputs in `histogram` were applied (bucket's upper edge), in ms. */
export function inputAgeMsPercentile(histogram: Uint32Array, share: number): number {
  const total = histogram.reduce((a, b) => a + b, 0);
  return total === 0 ? 0 : (histogramPercentile(histogram, share) + 1) * AGE_BUCKET_MS;
}

/** The smallest bucket index at or below which `share` (0..1) of the counts lie; 0 when empty. */
export function histogramPercentile(histogram: Uint32Array, share: number): number {
  let total = 0;
  for (let i = 0; i < histogram.length; i++) total += histogram[i]!;
  if (total === 0) return 0;
  const rank = Math.ceil(total * share);
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i]!;
    if (seen >= rank) return i;
  }
  return histogram.length - 1;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * Everything a client sends passes here before a room type sees it: the rate limit, validation
 * (zod schema or packed codec), seq checks into a bounded per-client input queue, clock-sync
 * pings, error replies and strikes (abusers are closed with CloseCode.Abuse). Never throws into
 * Colyseus.
 */
export class ClientIntake<I extends { seq: number; viewFloorTick?: number | undefined }> {
  /** Per-session state by sessionId (a reconnected client keeps its session's entry). */
  private readonly entries = new Map<string, IntakeEntry<I>>();
  /** The same entries as an array: the tick walks it every step. */
  private entryList: IntakeEntry<I>[] = [];
  /** Sessions the server closed (abuse, idle): they get no reconnection seat. */
  private readonly kicked = new Set<string>();
  /** The room listened to (its clients, to close one from the tick). */
  private room: Room | null = null;
  /** config.idleKickSec in ms; Infinity when off. */
  private readonly idleKickMs: number;
  readonly tickMs: number;
  /** Per-client queue capacity: a stall's worth of inputs plus headroom. */
  readonly queueCapacity: number;
  /** Most catch-up credit a stall grants, in ticks (config.inputStallToleranceMs). */
  private readonly stallToleranceTicks: number;
  /** Ticks takeDue has run. */
  private ticks = 0;
  /** Calls of reportInputStats so far. */
  private reportCalls = 0;
  /** Scratch for the per-session percentiles (no allocation per report). */
  private readonly sortScratch = new Float32Array(AGE_SAMPLES);
  /** One message object reused for every report (client.send encodes it at once). */
  private readonly report: InputStatsMessage = {
    windowTicks: 0, applied: 0, ageMsP50: 0, ageMsP99: 0, queueDepthMean: 0, queueDepthMin: 0, queueDepthMax: 0, starvedTicks: 0, dropped: 0,
  };
  readonly pacingStats: PacingStats;
  /** The input excess limits in this room's ticks. */
  private readonly excessOptions: InputExcessOptions;
  /** The room type's game messages (validated names). */
  private readonly gameMessages: GameMessages;
  /** "tick" game messages received since the last tick, in arrival order (see deliverGameMessages). */
  private gameQueue: QueuedGameMessage[] = [];
  /** The other of the two queue arrays (swapped each tick: no allocation per tick). */
  private gameQueueSpare: QueuedGameMessage[] = [];

  /** Throws when a declared game message name collides with the framework's or is not valid (the room is not created). */
  constructor(private readonly options: ClientIntakeOptions<I>) {
    const { config } = options;
    this.gameMessages = options.gameMessages ?? {};
    checkGameMessages(this.gameMessages);
    this.tickMs = 1000 / config.tickHz;
    this.excessOptions = excessOptionsAt(config.inputExcess, config.tickHz);
    this.stallToleranceTicks = Math.ceil(config.inputStallToleranceMs / this.tickMs);
    this.queueCapacity = this.stallToleranceTicks + config.inputQueueHeadroom;
    this.idleKickMs = config.idleKickSec > 0 ? config.idleKickSec * 1000 : Number.POSITIVE_INFINITY;
    this.pacingStats = {
      ageHistogram: new Uint32Array(AGE_BUCKETS),
      depthHistogram: new Uint32Array(this.queueCapacity + 1),
      starvedTicks: 0,
      stallCatchUpInputs: 0,
    };
  }

  /** Register the message handlers on the room. */
  listen(room: Room): void {
    this.room = room;
    // Handlers are passed as methods, not per-message closures: inputs arrive 60 times a second per client.
    room.onMessage(ClientMessage.Input, (client, message) => this.receive(client, message, this.receiveInput));
    room.onMessage(ClientMessage.Ping, (client, message) => this.receive(client, message, this.receivePing));
    room.onMessage(ClientMessage.ProbeReply, (client, message) => this.receive(client, message, this.receiveProbeReply));
    room.onMessage(ClientMessage.Follow, (client, message) => this.receive(client, message, this.receiveFollow));
    if (this.options.replayControl) {
      room.onMessage(ClientMessage.ReplayControl, (client, message) => this.receive(client, message, this.receiveReplayControl));
    }
    if (this.options.inputCodec) {
      room.onMessage(ClientMessage.InputPacked, (client, message) => this.receive(client, message, this.receivePackedInput));
    }
    for (const [type, message] of Object.entries(this.gameMessages)) {
      room.onMessage(type, (client, value) => this.receive(client, value, (entry, c, v) => this.receiveGameMessage(entry, c, type, message, v)));
    }
    room.onMessage("*", (client, type) => this.receive(client, type, this.receiveUnknown));
  }

  /**
   * Start accepting messages from a joined client. A `spectator` sends no inputs and no game
   * messages (each is refused as `unknown_type`, with a strike), only `ping`, `probe_reply` and `follow`.
   */
  add(client: Client, spectator = false): void {
    const { config } = this.options;
    this.remove(client.sessionId);
    const entry: IntakeEntry<I> = {
      sessionId: client.sessionId,
      spectator,
      queue: new InputQueue<I>({ capacity: this.queueCapacity, maxSeqJump: config.maxSeqJump }),
      excess: new InputExcessMeter(this.excessOptions),
      refusals: new RefusalLog(config.refusalLog, performance.now()),
      gameLimits: new GameMessageLimits(this.gameMessages),
      lastInputAtMs: performance.now(),
      guard: new ClientGuard(config.guard),
      link: new RoundTripMeter(),
      probed: false,
      unreportedAck: 0,
      creditTicks: 0,
      stallCreditTicks: 0,
      stallCreditUntilTick: 0,
      agesMs: new Float32Array(AGE_SAMPLES),
      ageCount: 0,
      windowTicks: 0,
      depthSum: 0,
      depthMin: MAX_DEPTH,
      depthMax: 0,
      starvedTicks: 0,
    };
    this.entries.set(client.sessionId, entry);
    this.entryList.push(entry);
    this.treatUndecodableAsAbuse(client);
  }

  /**
   * Send a round-trip probe to each of `clients` that has none in flight (the room calls this
   * every `probeIntervalMs`; a client gets its first with its first input, when its handlers are
   * surely in place). A probe unanswered for a whole
   * interval is taken as lost: a round trip that long is far beyond what lag compensation covers.
   */
  probe(clients: Iterable<Client>): void {
    const nowMs = performance.now();
    const lostAfterMs = this.options.config.probeIntervalMs - 1;
    for (const client of clients) {
      const entry = this.entries.get(client.sessionId);
      if (!entry?.guard) continue;
      const id = entry.link.startProbe(nowMs, lostAfterMs);
      if (id === null) continue;
      const probe: ProbeMessage = { id };
      client.send(ServerMessage.Probe, probe);
    }
  }

  /** The server's measurement of a session's link (round trip, jitter, reported interpolation delay), or undefined. */
  linkOf(sessionId: string): RoundTripMeter | undefined {
    return this.entries.get(sessionId)?.link;
  }

  /** Forget a client that left for good (logging the summary of its refusals not logged yet). */
  remove(sessionId: string): void {
    const entry = this.entries.get(sessionId);
    if (entry) {
      this.summariseRefusals(entry, performance.now());
      this.entries.delete(sessionId);
      this.entryList = this.entryList.filter((e) => e !== entry);
    }
    this.kicked.delete(sessionId);
  }

  /** Whether the server closed this session for abuse (no reconnection seat then). */
  wasKicked(sessionId: string): boolean {
    return this.kicked.has(sessionId);
  }

  /**
   * The inputs due this tick, in seq order, paced by time rather than by arrival: every tick each
   * player earns one input credit (banked up to config.inputCreditCap) and applying an input
   * spends one, at most config.maxInputsPerTick per tick. So a client sending faster than the
   * tick moves no faster (its excess waits, then is refused when the queue is full), while an
   * input that arrived late is caught up on the credit banked meanwhile, leaving the queue as
   * shallow as the client's send timing allows (about a tick with three inputs per message).
   *
   * `lostTicks`: ticks the loop dropped since the last call (a stall longer than its catch-up
   * cap). They are granted to every player as catch-up credit (at most
   * config.inputStallToleranceMs worth, lapsing if unused for that long after the backlog could
   * have drained), so the inputs sent during the stall are all applied, none dropped or invented.
   * `nowMs`: the tick's time on the monotonic clock the queue stamps arrivals with (input ages).
   * Queues of sessions without a player in `players` are left alone and earn nothing.
   *
   * The same clock (this tick plus the `lostTicks`, all of them) measures each session's input
   * rate (a client that keeps sending faster than the tick is closed with CloseCode.Abuse, see
   * InputExcessMeter); `nowMs` its silence (no input for config.idleKickSec: closed with
   * CloseCode.Idle) and its refusal log windows (one summary line each, see RefusalLog).
   */
  takeDue(players: { has(sessionId: string): boolean }, apply: (sessionId: string, input: I) => void, nowMs = 0, lostTicks = 0): void {
    const { inputCreditCap, maxInputsPerTick } = this.options.config;
    const stats = this.pacingStats;
    const ageHistogram = stats.ageHistogram;
    const depthHistogram = stats.depthHistogram;
    const lastDepth = depthHistogram.length - 1;
    const tick = ++this.ticks;
    const lost = Math.max(0, Math.floor(lostTicks));
    const grant = Math.min(lost, this.stallToleranceTicks);
    const elapsedTicks = 1 + lost;
    for (const entry of this.entryList) {
      if (!players.has(entry.sessionId)) continue;
      if (entry.guard) this.watch(entry, elapsedTicks, nowMs);
      const queue = entry.queue;
      if (entry.creditTicks < inputCreditCap) entry.creditTicks++;
      if (grant > 0) {
        entry.stallCreditTicks = Math.min(entry.stallCreditTicks + grant, this.stallToleranceTicks);
        entry.stallCreditUntilTick = tick + entry.stallCreditTicks + this.stallToleranceTicks;
      } else if (entry.stallCreditTicks > 0 && tick >= entry.stallCreditUntilTick) entry.stallCreditTicks = 0;
      let due = queue.length;
      if (due === 0) {
        entry.starvedTicks++;
        stats.starvedTicks++;
      } else {
        // Spend the tick's credit first, then stall credit: at most maxInputsPerTick in all.
        if (due > maxInputsPerTick) due = maxInputsPerTick;
        const fromCredit = due < entry.creditTicks ? due : entry.creditTicks;
        const fromStall = Math.min(due - fromCredit, entry.stallCreditTicks);
        entry.creditTicks -= fromCredit;
        entry.stallCreditTicks -= fromStall;
        stats.stallCatchUpInputs += fromStall;
        due = fromCredit + fromStall;
        // Input age = arrival to application + the batch wait (exact) + the one-way trip (half
        // the round trip the server measured; 0 before the first measurement).
        const ageBaseMs = due > 0 ? nowMs + (entry.link.rttMs ?? 0) / 2 : 0;
        for (let n = 0; n < due; n++) {
          const ageMs = ageBaseMs - queue.headStampMs;
          const input = queue.shift()!;
          apply(entry.sessionId, input);
          entry.unreportedAck = input.seq;
          entry.agesMs[entry.ageCount++ & (AGE_SAMPLES - 1)] = ageMs;
          const bucket = (ageMs / AGE_BUCKET_MS) | 0;
          ageHistogram[bucket < 0 ? 0 : bucket < AGE_BUCKETS ? bucket : AGE_BUCKETS - 1]!++;
        }
      }
      const depth = queue.length;
      entry.windowTicks++;
      entry.depthSum += depth;
      if (depth < entry.depthMin) entry.depthMin = depth;
      if (depth > entry.depthMax) entry.depthMax = depth;
      depthHistogram[depth < lastDepth ? depth : lastDepth]!++;
    }
  }

  /** Per tick and live session: its input rate, its silence and its log window (see takeDue). */
  private watch(entry: IntakeEntry<I>, elapsedTicks: number, nowMs: number): void {
    if (entry.refusals.due(nowMs)) this.summariseRefusals(entry, nowMs);
    if (nowMs - entry.lastInputAtMs >= this.idleKickMs) {
      if (this.kick(entry, CloseCode.Idle, "idle", `no input for ${Math.round((nowMs - entry.lastInputAtMs) / 1000)} s`)) return;
    }
    const verdict = entry.excess.elapse(elapsedTicks);
    if (verdict === "ok") return;
    const client = this.openClient(entry.sessionId);
    if (!client) return;
    metrics.inputExcessWindows.inc();
    const extra = entry.excess.lastExcessTicks;
    const { windowTicks } = this.excessOptions;
    this.reject(client, ErrorCode.InputRateExceeded, `inputs arrive faster than the tick: ${extra} more than the ticks elapsed (${windowTicks}-tick windows)`, false);
    if (verdict === "kick") this.kick(entry, CloseCode.Abuse, "input_rate", "inputs sent faster than the tick");
  }

  /**
   * Close a live session for good (no reconnection seat): `reason` is logged and counted. False
   * when it has no open connection now (a dropped player waiting for its reconnect: it is not
   * closed, and the grace period decides).
   */
  private kick(entry: IntakeEntry<I>, code: number, reason: KickReason, message: string): boolean {
    const client = this.openClient(entry.sessionId);
    if (!client) return false;
    this.options.log.warn({ sessionId: entry.sessionId, reason, code, rejected: entry.guard?.rejected }, `closing client: ${message}`);
    entry.guard = null;
    this.kicked.add(entry.sessionId);
    metrics.kicks.inc({ reason });
    client.leave(code, message);
    return true;
  }

  /** The session's connected client, if it has one now (none while a dropped player may reconnect). */
  private openClient(sessionId: string): Client | undefined {
    return this.room?.clients.getById(sessionId);
  }

  /** Log one line for the refusals of `entry`'s window that were not logged in full, and start the next window. */
  private summariseRefusals(entry: IntakeEntry<I>, nowMs: number): void {
    const summary = entry.refusals.takeSummary(nowMs);
    if (!summary) return;
    const seconds = Math.max(1, Math.round(summary.windowMs / 1000));
    const byCode = Object.entries(summary.byCode).map(([code, n]) => `${code} ${n.toLocaleString("en-US")}`).join(", ");
    this.options.log.warn(
      { sessionId: entry.sessionId, refused: summary.total, unlogged: summary.unlogged, byCode: summary.byCode, windowMs: summary.windowMs },
      `${summary.total.toLocaleString("en-US")} messages refused from ${entry.sessionId} in the last ${seconds} s (${byCode})`,
    );
  }

  /**
   * Send each client the InputStatsMessage on its own inputs once every `everyCalls` calls (the
   * room calls it before each patch, so once a second at patchHz): each call reports the sessions
   * whose place in the list matches the call count modulo `everyCalls` (the messages spread over
   * the second), then starts their next window.
   */
  reportInputStats(everyCalls: number, send: (sessionId: string, report: InputStatsMessage) => void): void {
    const list = this.entryList;
    const msg = this.report;
    const scratch = this.sortScratch;
    for (let i = this.reportCalls++ % everyCalls; i < list.length; i += everyCalls) {
      const entry = list[i]!;
      if (entry.windowTicks === 0) continue;
      const n = Math.min(entry.ageCount, AGE_SAMPLES);
      scratch.set(entry.agesMs);
      scratch.fill(Number.POSITIVE_INFINITY, n);
      scratch.sort();
      msg.windowTicks = entry.windowTicks;
      msg.applied = entry.ageCount;
      msg.ageMsP50 = n ? round1(scratch[Math.min(n - 1, Math.floor(n * 0.5))]!) : 0;
      msg.ageMsP99 = n ? round1(scratch[Math.min(n - 1, Math.floor(n * 0.99))]!) : 0;
      msg.queueDepthMean = round1(entry.depthSum / entry.windowTicks);
      msg.queueDepthMin = entry.depthMin;
      msg.queueDepthMax = entry.depthMax;
      msg.starvedTicks = entry.starvedTicks;
      msg.dropped = entry.queue.dropped;
      send(entry.sessionId, msg);
      entry.ageCount = 0;
      entry.windowTicks = 0;
      entry.depthSum = 0;
      entry.depthMin = MAX_DEPTH;
      entry.depthMax = 0;
      entry.starvedTicks = 0;
    }
  }

  /** Start a new measuring window for `pacingStats`. */
  resetPacingStats(): void {
    this.pacingStats.ageHistogram.fill(0);
    this.pacingStats.depthHistogram.fill(0);
    this.pacingStats.starvedTicks = 0;
    this.pacingStats.stallCatchUpInputs = 0;
  }

  /**
   * Report, once, the seq of the last input `takeDue` handed out per session since the previous
   * call (sessions with nothing new are skipped). The room writes these to the synced acks.
   */
  takeAcks(report: (sessionId: string, seq: number) => void): void {
    for (const entry of this.entryList) {
      if (entry.unreportedAck === 0) continue;
      report(entry.sessionId, entry.unreportedAck);
      entry.unreportedAck = 0;
    }
  }

  /** Inputs refused so far (stale, too far ahead, queue full), over the clients still here. */
  get inputsDropped(): number {
    let n = 0;
    for (const entry of this.entryList) n += entry.queue.dropped;
    return n;
  }

  /**
   * Refuse a message: log it (within the session's log budget: the first few of a window in full,
   * the rest in its summary line), tell the sender (error replies are rate limited), count a
   * strike (unless `strike` is false), and close the connection with CloseCode.Abuse once the
   * strikes run out. `err`: the exception behind it, logged with its stack when the line is.
   */
  reject(client: Client, code: ErrorCode, message: string, strike = true, err?: unknown): void {
    const entry = this.entries.get(client.sessionId);
    metrics.validationFailures.inc({ code });
    if (!entry || entry.refusals.note(code, performance.now())) {
      if (err === undefined) this.options.log.warn({ sessionId: client.sessionId, code }, message);
      else this.options.log.error({ err, sessionId: client.sessionId, code }, message);
    } else {
      metrics.refusalsUnlogged.inc();
    }
    const guard = entry?.guard;
    if (!guard) return;
    if (guard.mayReply()) {
      const error: ErrorMessage = { code, message };
      client.send(ServerMessage.Error, error);
    }
    if (strike && guard.strike()) this.kick(entry, CloseCode.Abuse, "abuse", "too many invalid messages");
  }

  /**
   * Colyseus closes a client whose message is not valid msgpack (CloseCode.UndecodableMessage)
   * itself; mark it kicked so it gets no reconnection seat.
   */
  private treatUndecodableAsAbuse(client: Client): void {
    observeServerClose(client, CloseCode.UndecodableMessage, () => {
      this.kicked.add(client.sessionId);
      metrics.kicks.inc({ reason: "undecodable" });
      this.options.log.warn({ sessionId: client.sessionId }, "undecodable message; closing");
    });
  }

  /** Every message passes here: rate limit, then the handler, which never throws into Colyseus. */
  private receive(client: Client, message: unknown, handle: (this: this, entry: IntakeEntry<I>, client: Client, message: unknown) => void): void {
    const entry = this.entries.get(client.sessionId);
    if (!entry?.guard) return;
    if (!entry.guard.admit()) {
      this.reject(client, ErrorCode.RateLimited, "too many messages");
      return;
    }
    try {
      handle.call(this, entry, client, message);
    } catch (err) {
      this.reject(client, ErrorCode.InvalidMessage, "message could not be processed", true, err);
    }
  }

  private receiveInput(entry: IntakeEntry<I>, client: Client, message: unknown): void {
    if (entry.spectator) return this.refuseFromSpectator(client, ClientMessage.Input);
    const parsed = parseMessage(this.options.inputSchema, message);
    if (!parsed.ok) {
      this.reject(client, ErrorCode.InvalidMessage, `input rejected: ${parsed.reason}`);
      return;
    }
    this.enqueue(entry, client, parsed.value, performance.now(), 0);
  }

  /** One to MAX_PACKED_INPUTS records, oldest first (a client may send two ticks' inputs at once). */
  private receivePackedInput(entry: IntakeEntry<I>, client: Client, message: unknown): void {
    if (entry.spectator) return this.refuseFromSpectator(client, ClientMessage.InputPacked);
    const codec = this.options.inputCodec!;
    const size = codec.byteLength;
    const count = message instanceof Uint8Array ? message.byteLength / size : 0;
    if (!Number.isInteger(count) || count < 1 || count > MAX_PACKED_INPUTS) {
      const got = message instanceof Uint8Array ? `${message.byteLength} bytes` : "not a bytes message";
      this.reject(client, ErrorCode.InvalidMessage, `input rejected: expected 1 to ${MAX_PACKED_INPUTS} records of ${size} bytes, got ${got}`);
      return;
    }
    const bytes = message as Uint8Array;
    const arrivedMs = performance.now();
    for (let i = 0; i < count; i++) {
      const input = codec.create();
      const reason = codec.decode(bytes, input, i * size);
      if (reason) {
        this.reject(client, ErrorCode.InvalidMessage, `input rejected: ${reason}`);
        return;
      }
      // Record i of n was sampled, and waited for the rest of its batch, n-1-i ticks before the message left the client.
      this.enqueue(entry, client, input, arrivedMs, (count - 1 - i) * this.tickMs);
    }
  }

  /**
   * Queue one validated input that arrived at `arrivedMs` (performance.now) after waiting
   * `batchAgeMs` at the client for the rest of its message. Sets its lag-compensation floor.
   */
  private enqueue(entry: IntakeEntry<I>, client: Client, input: I, arrivedMs: number, batchAgeMs: number): void {
    const { config } = this.options;
    if (!entry.probed) {
      entry.probed = true;
      this.probe([client]);
    }
    entry.excess.received();
    entry.lastInputAtMs = arrivedMs;
    input.viewFloorTick = earliestViewTick(this.options.serverTimeMs(), batchAgeMs, entry.link, config.lagCompensation, this.tickMs);
    const rejection = entry.queue.push(input, arrivedMs - batchAgeMs);
    if (rejection) {
      metrics.inputsDropped.inc();
      // A full queue means the server fell behind (a stall: every client overflows at once) or the
      // client sends faster than the tick, which the excess meter (measured against the room's own
      // clock, so a stall does not count) closes. Dropped and counted, but no strike here: a stall
      // longer than the tolerance must not kick the whole room.
      this.reject(client, INPUT_REJECTION_CODE[rejection], `input seq ${input.seq} refused (${rejection})`, rejection !== "queue-full");
    }
  }

  /**
   * A declared game message (already past the per-client limit): its own limit, validation, then
   * its handler now ("arrival") or queued for the next tick ("tick"; see deliverGameMessages).
   */
  private receiveGameMessage(entry: IntakeEntry<I>, client: Client, type: string, message: GameMessage<unknown>, value: unknown): void {
    if (entry.spectator) return this.refuseFromSpectator(client, type);
    if (!entry.gameLimits.admit(type)) {
      this.reject(client, ErrorCode.RateLimited, `too many "${type}" messages (at most ${message.perSecond} a second)`, false);
      return;
    }
    const parsed = parseMessage(message.schema, value);
    if (!parsed.ok) {
      this.reject(client, ErrorCode.InvalidMessage, `${type} rejected: ${parsed.reason}`);
      return;
    }
    if (message.delivery === "tick") {
      this.gameQueue.push({ sessionId: entry.sessionId, type, message, value: parsed.value });
      return;
    }
    const ctx = this.options.arrivalContext?.() ?? { tick: 0, dtSec: 1 / this.options.config.tickHz, tickMs: this.tickMs };
    this.runGameHandler(entry.sessionId, type, message, parsed.value, ctx);
  }

  /**
   * Run the handlers of the "tick" game messages received since the last call, in arrival order
   * (the room calls it at the start of each tick, before the inputs). Messages of sessions that
   * left or were closed meanwhile are dropped.
   */
  deliverGameMessages(ctx: TickContext): void {
    if (this.gameQueue.length === 0) return;
    const due = this.gameQueue;
    this.gameQueue = this.gameQueueSpare;
    for (const queued of due) {
      if (!this.entries.get(queued.sessionId)?.guard) continue;
      this.runGameHandler(queued.sessionId, queued.type, queued.message, queued.value, ctx);
    }
    due.length = 0;
    this.gameQueueSpare = due;
  }

  /**
   * A game message handler that throws is a server bug, not the sender's fault: logged with its
   * stack (within the sender's log budget), answered `invalid_message` without a strike, and the
   * room goes on.
   */
  private runGameHandler(sessionId: string, type: string, message: GameMessage<unknown>, value: unknown, ctx: TickContext): void {
    try {
      message.handle(sessionId, value, ctx);
    } catch (err) {
      const client = this.openClient(sessionId);
      if (client) this.reject(client, ErrorCode.InvalidMessage, `${type} could not be processed`, false, err);
      else this.options.log.error({ err, sessionId, type }, `${type} handler failed`);
    }
  }

  /** A player's message from a spectator: refused as any unknown message is (a coded error and a strike). */
  private refuseFromSpectator(client: Client, type: string | number): void {
    this.reject(client, ErrorCode.UnknownType, `unknown message type ${JSON.stringify(String(type))} (a spectator sends no inputs)`);
  }

  /** `follow`: spectators only (from a player it is an unknown message). */
  private receiveFollow(entry: IntakeEntry<I>, client: Client, message: unknown): void {
    if (!entry.spectator) return this.receiveUnknown(entry, client, ClientMessage.Follow);
    const parsed = parseMessage(followSchema, message);
    if (!parsed.ok) {
      this.reject(client, ErrorCode.InvalidMessage, `follow rejected: ${parsed.reason}`);
      return;
    }
    // A player who just left is a race, not abuse: an error without a strike.
    if (!this.options.follow?.(entry.sessionId, parsed.value.sessionId)) {
      this.reject(client, ErrorCode.InvalidMessage, `follow rejected: no player ${JSON.stringify(parsed.value.sessionId)} in this room`, false);
    }
  }

  /** `replay_control`: a replay room's spectators only. */
  private receiveReplayControl(entry: IntakeEntry<I>, client: Client, message: unknown): void {
    if (!entry.spectator) return this.receiveUnknown(entry, client, ClientMessage.ReplayControl);
    const parsed = parseMessage(replayControlSchema, message);
    if (!parsed.ok) {
      this.reject(client, ErrorCode.InvalidMessage, `replay_control rejected: ${parsed.reason}`);
      return;
    }
    this.options.replayControl?.(entry.sessionId, parsed.value);
  }

  private receiveUnknown(_entry: IntakeEntry<I>, client: Client, type: unknown): void {
    this.reject(client, ErrorCode.UnknownType, `unknown message type ${JSON.stringify(String(type)).slice(0, 64)}`);
  }

  private receiveProbeReply(entry: IntakeEntry<I>, client: Client, message: unknown): void {
    const parsed = parseMessage(probeReplySchema, message);
    if (!parsed.ok) {
      this.reject(client, ErrorCode.InvalidMessage, `probe_reply rejected: ${parsed.reason}`);
      return;
    }
    // A reply to no probe in flight is ignored (a late or repeated answer), not a strike.
    entry.link.onReply(parsed.value.id, parsed.value.interpDelayMs, performance.now());
  }

  private receivePing(_entry: IntakeEntry<I>, client: Client, message: unknown): void {
    const parsed = parseMessage(pingSchema, message);
    if (!parsed.ok) {
      this.reject(client, ErrorCode.InvalidMessage, `ping rejected: ${parsed.reason}`);
      return;
    }
    const pong: PongMessage = { id: parsed.value.id, clientTimeMs: parsed.value.clientTimeMs, serverTimeMs: this.options.serverTimeMs() };
    client.send(ServerMessage.Pong, pong);
  }
}
