import type { ReplayClock } from "./replay-clock.js";
import type { Room } from "colyseus.js";
import {
  ClientMessage, MAX_EXTRAPOLATE_PATCHES, MAX_INTERP_DELAY_MS, MAX_VIEW_TICKS, ServerMessage, maxExtrapolateTicks, decodeInputStats, unpackPoses, type ErrorMessage, type InputStatsMessage, type PongMessage,
  type FollowMessage, type FollowingMessage, type ProbeMessage, type ProbeReplyMessage,
} from "@arena/shared";
import { InputSender, type InputView } from "./input-sender.js";
import { ClockSync } from "./clock-sync.js";
import { FixedTicker } from "./fixed-ticker.js";
import type { Interpolator, SampleKind } from "./interpolator.js";
import { EntityFeeds } from "./entity-feed.js";
import { NO_CONDITIONS, shapeConnection, type LinkConditions } from "./link-shaper.js";
import { RateMeter, type NetStatsSnapshot } from "./net-stats.js";
import { Predictor, type PredictedBody } from "./predictor.js";
import type { ClientRoomType, SessionState } from "./client-room-type.js";
import { ClockPinger } from "./clock-pinger.js";
import { RenderClock } from "./render-clock.js";
import { JitterBuffer } from "./jitter-buffer.js";
import { SendPacer } from "./send-pacer.js";
import { roomRates, type RoomRates } from "./room-rates.js";

/**
 * A frame gap longer than this (a hidden tab, a stall) means the last frame says nothing about
 * when a patch became usable (see onState), in ms. Matches the frame length that resyncs.
 */
const MAX_FRAME_GAP_MS = 250;

/**
 * The session's rates are not options: they are the room's, read from its state at construction
 * (TickState's tickHz/patchHz, see room-rates.ts), so no caller can run the netcode at rates the
 * server does not.
 */
export interface NetSessionOptions {
  /** Simulated network conditions (for testing under lag). */
  link?: LinkConditions;
  /** Monotonic clock in ms. */
  now?: () => number;
  /**
   * A spectator's session (joined with `{ spectate: true }`, docs/protocol.md, Spectators): no
   * local player, so nothing is predicted, and `frame` samples and sends no inputs; every player
   * is drawn interpolated. `follow` picks whose view the server sends.
   */
  watching?: boolean;
  /**
   * A replay viewer's clock (replay-clock.ts): the session's clock and its render clock's frames
   * run at the replay's speed. Implies nothing else (pass `watching` too).
   */
  replayClock?: ReplayClock;
}

/**
 * The client side of the netcode for one joined room: samples inputs at the fixed tick,
 * sends and predicts them, reconciles on every patch, interpolates remote players on a
 * render clock that trails the estimated server time, and keeps the stats the overlay shows.
 */
export class NetSession<S extends SessionState<P>, P extends { ack: number }, B extends PredictedBody, I extends { seq: number; viewTick?: number }> {
  readonly clock = new ClockSync();
  readonly ticker: FixedTicker;
  /** The room's rates as its server announced them (tickHz, patchHz, tickMs, tickSec, patchMs). */
  readonly rates: RoomRates;
  readonly tickMs: number;
  readonly patchMs: number;
  predictor: Predictor<B, I> | null = null;
  link: LinkConditions;
  /** Error replies from the server (rejected messages), newest last, at most 20 kept. */
  readonly serverErrors: ErrorMessage[] = [];
  /** The server's latest report on this client's own inputs (age, queue depth), or null before the first. */
  inputStats: InputStatsMessage | null = null;
  /** Stretches or squeezes the input tick so inputs reach the server just before their tick (from inputStats). */
  readonly sendPacer = new SendPacer();
  private readonly renderClock = new RenderClock();
  private readonly jitter: JitterBuffer;
  private readonly now: () => number;
  /** A replay viewer's scaled clock, or null. */
  private readonly replayClock: ReplayClock | null;
  private readonly patches = new RateMeter();
  private readonly bytes = new RateMeter();
  private readonly scratchBody: B;
  private room!: Room<S>;
  private unshape: (() => void) | null = null;
  private lastBytes = 0;
  private bytesReceived: () => number = () => 0;
  private readonly inputs: InputSender<I>;
  private readonly pinger: ClockPinger;
  private lastPatchArrivalMs = 0;
  /** Client time of the last frame() (-Infinity before the first). */
  private lastFrameAtMs = -Infinity;
  private renderMs = 0;
  private latestTick = 0;
  /** The patch tick before latestTick (0: none since the last resync). */
  private previousTick = 0;
  /** What the last frame drew others from: the newest patch's tick and the one before (see view). */
  private readonly drawn = { latestTick: 0, previousTick: 0 };
  /** The view an input is sampled at (reused). */
  private readonly inputView: InputView = { tick: 0, aheadTicks: 0, spanTicks: 0 };
  /** The furthest past the newest patch a view is claimed as extrapolated, in ticks (as far as the server honours). */
  private readonly maxAheadTicks: number;
  /** The own player's teleport counter at the last reconcile (undefined: the room type has none). */
  private lastTeleportCount: number | undefined;
  /** A spectator's session: no inputs, no prediction (see NetSessionOptions.watching). */
  readonly watching: boolean;
  /** Watching: the player the server follows for this spectator ("" none yet), from `following`. */
  followed = "";
  /** Interpolation buffers: remote players and every collection in roomType.entities. */
  private readonly feeds: EntityFeeds<S>;

  constructor(room: Room<S>, readonly roomType: ClientRoomType<P, B, I, S>, options: NetSessionOptions) {
    // The room's own rates (the join snapshot carries them): needs the first state decoded.
    this.rates = roomRates(room.state);
    this.tickMs = this.rates.tickMs;
    this.patchMs = this.rates.patchMs;
    this.ticker = new FixedTicker(this.tickMs);
    this.jitter = new JitterBuffer({ tickMs: this.tickMs, patchMs: this.patchMs });
    this.maxAheadTicks = maxExtrapolateTicks(this.tickMs, this.patchMs);
    this.replayClock = options.replayClock ?? null;
    const replayClock = this.replayClock;
    this.now = replayClock ? () => replayClock.now() : options.now ?? (() => performance.now());
    this.link = options.link ?? NO_CONDITIONS;
    this.watching = options.watching ?? false;
    this.scratchBody = roomType.makeBody();
    this.feeds = entityFeedsOf(roomType);
    const link = { room: () => this.room, connected: () => this.connected };
    this.inputs = new InputSender(link, roomType.inputCodec, roomType.inputsPerMessage, this.now);
    this.pinger = new ClockPinger(this.clock, (ping) => {
      if (!this.connected) return false;
      this.room.send(ClientMessage.Ping, ping);
      return true;
    }, this.now);
    this.attach(room);
  }

  get sessionId(): string {
    return this.room.sessionId;
  }

  get state(): S {
    return this.room.state;
  }

  /** Bind to a (re)joined room: hook its messages and state, restart pings. Sequence numbers continue. */
  attach(room: Room<S>): void {
    this.unshape?.();
    const reattached = this.room !== undefined;
    if (reattached) this.jitter.reset();
    this.room = room;
    const shaped = shapeConnection(room.connection as never, () => this.link);
    this.bytesReceived = shaped.bytesReceived;
    this.lastBytes = 0;
    this.unshape = shaped.dispose;
    room.onMessage(ServerMessage.Pong, (pong: PongMessage) => this.pinger.onPong(pong));
    // The server measures our round trip for lag compensation: answer at once, with how far back we draw.
    room.onMessage(ServerMessage.Probe, (probe: ProbeMessage) => {
      if (!this.connected) return;
      const reply: ProbeReplyMessage = { id: probe.id, interpDelayMs: Math.round(this.drawnDelayMs()) };
      room.send(ClientMessage.ProbeReply, reply);
    });
    room.onMessage(ServerMessage.InputStats, (wire: unknown) => {
      const report = decodeInputStats(wire);
      if (!report) return;
      this.inputStats = report;
      this.sendPacer.onReport(report);
    });
    room.onMessage(ServerMessage.Error, (error: ErrorMessage) => {
      this.serverErrors.push(error);
      if (this.serverErrors.length > 20) this.serverErrors.shift();
    });
    room.onMessage(ServerMessage.Following, (message: FollowingMessage) => {
      this.followed = typeof message?.sessionId === "string" ? message.sessionId : "";
    });
    room.onStateChange((state) => this.onState(state));
    if (room.state?.players) this.onState(room.state);
    // Inputs batched for the old socket are gone with it (never acked, they leave the pending list).
    this.inputs.dropBatch();
    this.sendPacer.reset();
    this.pinger.start();
    if (reattached) this.resync();
  }

  /**
   * Interpolation delay in ms: how far behind the fastest recent patch remote players are drawn,
   * adapted to measured patch arrival times (one patch interval plus their spread plus a small
   * margin; at most MAX_INTERP_DELAY_MS; see JitterBuffer). Two patch intervals before any patch.
   */
  get interpDelayMs(): number {
    return this.jitter.ready ? this.jitter.delayMs : 2 * this.patchMs;
  }

  /** Server tick remote players are drawn at (fractional). */
  get renderTick(): number {
    return this.renderMs / this.tickMs;
  }

  /**
   * The render time, on the server's timeline in ms (tick x tickMs): where every remote player
   * and every declared entity is drawn this frame. One clock for all of them.
   */
  get renderTimeMs(): number {
    return this.renderMs;
  }

  /** Interpolation buffers of remote players, by sessionId. */
  get remotes(): ReadonlyMap<string, Interpolator> {
    return this.feeds.players.interpolators;
  }

  /**
   * Run one rendered frame: send and predict the input ticks due (sampling each with `sample`),
   * decay smoothing and move the render clock. A frame longer than 250 ms (a hidden tab) resyncs.
   */
  frame(frameMs: number, sample: () => Omit<I, "seq" | "viewTick">): void {
    if (frameMs > 250) {
      this.resync();
      return;
    }
    this.lastFrameAtMs = this.now();
    const steps = this.ticker.advance(frameMs * this.sendPacer.scale);
    // A spectator sends no inputs (the server would refuse each one as an unknown message).
    if (!this.watching) for (let i = 0; i < steps; i++) this.sendInput(sample());
    // A partial batch waits for the ticks that fill it, but never half a tick past the last one due.
    this.inputs.flushIfWaited((this.inputs.perMessage - 0.5) * this.tickMs);
    this.predictor?.decayError(frameMs);
    // A replay's timeline runs at its speed: so does the render clock (0 while paused).
    const renderFrameMs = this.replayClock ? frameMs * this.replayClock.scale : frameMs;
    this.renderMs = this.renderClock.advance(renderFrameMs, this.renderTargetMs(), this.renderLimitMs());
    this.drawn.latestTick = this.latestTick;
    this.drawn.previousTick = this.previousTick;
  }

  /** Send one input now and predict it. Exposed for headless clients that drive their own tick. */
  sendInput(fields: Omit<I, "seq" | "viewTick">): I {
    const input = this.inputs.send(fields, this.view());
    this.predictor?.applyLocal(input);
    return input;
  }

  /**
   * What the last frame showed of others, for lag compensation: the tick they were drawn at and,
   * when that is past the newest patch the frame had (extrapolated, up to MAX_EXTRAPOLATE_PATCHES
   * intervals), how far past it and the span between that patch and the one before: the server
   * then resolves a shot against the same extrapolation. Not claimed after a resync (the
   * interpolators hold a single snapshot then) nor across a gap the input field cannot carry.
   */
  private view(): InputView {
    const view = this.inputView;
    view.tick = Math.max(0, Math.round(this.renderTick));
    const { latestTick, previousTick } = this.drawn;
    const ahead = view.tick - latestTick;
    const span = latestTick - previousTick;
    // Further ahead happens only while the render clock is unbounded (before the jitter buffer is
    // ready): nothing is claimed then, as the server would not honour it.
    const extrapolated = ahead > 0 && ahead <= this.maxAheadTicks && previousTick > 0 && span <= MAX_VIEW_TICKS;
    view.aheadTicks = extrapolated ? ahead : 0;
    view.spanTicks = extrapolated ? span : 0;
    return view;
  }

  /**
   * Send one of the room type's game messages (declared on the server with defineGameMessage),
   * through the same (shaped) link as inputs. False, sending nothing, while not connected. The
   * server validates it and answers a refusal with an `error` message (see serverErrors); what it
   * sends back arrives as ordinary room messages (`room.onMessage`, or RoomFeed's game types).
   */
  sendGameMessage<T>(type: string, value: T): boolean {
    if (!this.connected) return false;
    this.room.send(type, value);
    return true;
  }

  /**
   * Watching: ask the server for `playerId`'s view (the `following` answer updates `followed`).
   * False, sending nothing, when not watching or not connected.
   */
  follow(playerId: string): boolean {
    if (!this.watching || !this.connected) return false;
    const message: FollowMessage = { sessionId: playerId };
    this.room.send(ClientMessage.Follow, message);
    return true;
  }

  /** The seq the next sampled input will get (a scene can key what it predicts for that input by it). */
  get nextInputSeq(): number {
    return this.inputs.nextSeq;
  }

  /** Send packed inputs still waiting for their batch to fill (frame() does it half a tick after the batch should have filled). */
  flushInputs(): void {
    this.inputs.flush();
  }

  /** Drop buffered history and take the latest state as is (after a hidden tab or a reconnect). */
  resync(): void {
    this.ticker.reset();
    this.renderClock.reset();
    this.feeds.clear();
    // The interpolators hold one snapshot now: nothing is drawn extrapolated until the next patch.
    this.previousTick = 0;
    this.drawn.latestTick = this.latestTick;
    this.drawn.previousTick = 0;
    if (this.room.state?.players) this.onState(this.room.state);
    this.renderMs = this.renderClock.advance(0, this.renderTargetMs());
  }

  /** Draw position of the local player (predicted + smoothing), or null before it exists. */
  localRenderPosition(): { x: number; y: number } | null {
    return this.predictor ? this.predictor.renderPosition(this.ticker.alpha) : null;
  }

  /** Interpolated values of a remote player at the render clock (see ClientRoomType.remoteValues). */
  sampleRemote(id: string, out: number[]): SampleKind {
    return this.feeds.players.sample(id, this.renderMs, out);
  }

  /**
   * Interpolated values of item `id` of a drawn collection (`players` or one declared in the room
   * type's entities) at the render time, into `out` (see EntityCollection.values). "empty": no
   * such item drawn (the own player, or not seen yet). Throws for an undeclared collection.
   */
  sample(collection: string, id: string, out: number[]): SampleKind {
    return this.feeds.get(collection).sample(id, this.renderMs, out);
  }

  /**
   * Every drawn item of `collection` at the render time: values by id (for `players`, the remote
   * ones). The map and its arrays are reused: read them before the next call.
   */
  interpolated(collection: string): ReadonlyMap<string, readonly number[]> {
    return this.feeds.get(collection).sampleAll(this.renderMs);
  }

  stats(): NetStatsSnapshot {
    const nowMs = this.now();
    return {
      rttMs: this.clock.rttMs,
      jitterMs: this.clock.jitterMs,
      patchesPerSec: this.patches.perSecond(nowMs),
      bytesDownPerSec: this.bytes.perSecond(nowMs),
      pendingInputs: this.predictor?.pendingCount ?? 0,
      corrections: this.predictor?.corrections ?? 0,
      lastCorrectionPx: this.predictor?.lastCorrectionPx ?? 0,
      teleports: this.predictor?.teleports ?? 0,
      interpDelayMs: this.interpDelayMs,
      serverTick: this.latestTick,
      renderTick: this.renderTick,
      inputAgeMsP50: this.inputStats?.ageMsP50 ?? 0,
      inputAgeMsP99: this.inputStats?.ageMsP99 ?? 0,
      inputQueueDepthMean: this.inputStats?.queueDepthMean ?? 0,
      inputQueueDepthMax: this.inputStats?.queueDepthMax ?? 0,
    };
  }

  dispose(): void {
    this.pinger.stop();
    this.unshape?.();
  }

  /**
   * Where the render clock should be: far enough behind the patch stream that recent patches
   * arrived before it needed them (the jitter buffer, anchored on patch arrivals), so there are
   * snapshots on both sides of it. Before any patch: behind the estimated server time by the
   * one-way trip plus the interpolation delay.
   */
  private renderTargetMs(): number {
    return this.jitter.renderTargetMs(this.now()) ?? this.estimatedServerMs() - this.clock.rttMs / 2 - this.interpDelayMs;
  }

  /**
   * The render clock waits here rather than run further past the newest patch: when patches stop
   * (the server stalled, the link dropped out) the remotes stop after a little extrapolation
   * instead of the clock running on ahead of all data, which would take seconds of slewing (or a
   * jump back) to undo once patches flow again. Unbounded before the first patch.
   */
  private renderLimitMs(): number {
    return this.jitter.ready ? this.latestTick * this.tickMs + MAX_EXTRAPOLATE_PATCHES * this.patchMs : Infinity;
  }

  /**
   * How far behind the newest state remote players are drawn right now, beyond the one-way trip,
   * in ms, as reported to the server for lag compensation: the larger of the jitter buffer's delay
   * and what the clock-sync estimate says (the render clock slews toward its target, and a busy
   * page skews the estimate), so an honest client errs toward the window it may need. At most
   * MAX_INTERP_DELAY_MS, where the server caps it anyway: a clock-sync estimate still on another
   * timeline (a replay that jumped back, a restarted server) must not make the reply one the server
   * refuses (its schema's limit) and counts against this client.
   */
  private drawnDelayMs(): number {
    return Math.min(MAX_INTERP_DELAY_MS, Math.max(this.interpDelayMs, this.estimatedServerMs() - this.clock.rttMs / 2 - this.renderMs, 0));
  }

  private get connected(): boolean {
    return this.room.connection?.isOpen ?? false;
  }

  private estimatedServerMs(): number {
    if (this.clock.samples > 0) return this.clock.serverNowMs(this.now());
    return this.latestTick * this.tickMs + (this.now() - this.lastPatchArrivalMs);
  }

  private onState(state: S): void {
    const nowMs = this.now();
    if (state.tick !== this.latestTick) {
      // When the patch became usable: a frame drawn before it was decoded could not use it, the
      // next one can. Patches land between frames, so on a page whose frames take 60 ms the
      // decode time is up to a frame later than the frame that missed it: measured from the last
      // frame, a clean link needs one patch interval, not one plus a frame.
      const frameGapMs = nowMs - this.lastFrameAtMs;
      this.jitter.onPatch(state.tick, nowMs, frameGapMs >= 0 && frameGapMs <= MAX_FRAME_GAP_MS ? this.lastFrameAtMs : nowMs);
    }
    this.lastPatchArrivalMs = nowMs;
    if (state.tick !== this.latestTick) this.previousTick = this.latestTick;
    this.latestTick = state.tick;
    this.patches.add(nowMs);
    const total = this.bytesReceived();
    this.bytes.add(nowMs, total - this.lastBytes);
    this.lastBytes = total;
    if (this.roomType.posePacking) unpackPoses(this.roomType.posePacking, state as never);
    const me = this.room.sessionId;
    const own = state.players.get(me);
    if (own) this.reconcile(own, state);
    this.feeds.push(state, state.tick * this.tickMs, me);
  }

  private reconcile(player: P, state: S): void {
    this.roomType.readBody(player, this.scratchBody, state);
    const teleportCount = this.roomType.teleportCount?.(player, state);
    const teleported = teleportCount !== this.lastTeleportCount;
    this.lastTeleportCount = teleportCount;
    if (!this.predictor) {
      this.predictor = new Predictor<B, I>(this.scratchBody, () => this.roomType.makeBody(), {
        step: (b, i) => this.roomType.step(b, i, this.rates.tickSec),
        copy: (f, t) => this.roomType.copyBody(f, t),
      });
      this.predictor.lastAck = player.ack;
      return;
    }
    this.predictor.reconcile(this.scratchBody, player.ack, teleported);
  }
}

/** The session's feeds for a room type: remote players by remoteValues (cut only by its teleportCount), plus its entities. */
function entityFeedsOf<S, P extends { ack: number }, B extends PredictedBody, I extends { seq: number; viewTick?: number }>(
  roomType: ClientRoomType<P, B, I, S>,
): EntityFeeds<S> {
  const players = {
    values: (player: P, state: S) => roomType.remoteValues(player, state),
    angleIndices: roomType.angleIndices ?? [],
    teleportCount: (player: P, state: S) => roomType.teleportCount?.(player, state),
  };
  return new EntityFeeds<S>(players as never, roomType.entities);
}
