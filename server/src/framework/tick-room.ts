import { Room, type AuthContext, type Client } from "@colyseus/core";
import type { Schema } from "@colyseus/schema";
import type { ZodType } from "zod";
import {
  CloseCode, DEFAULT_RESTART_RETRY_AFTER_MS, POSE_BANK_SLOTS, clearSlot, type KeyframeData, type SlotBank, NoticeCode, ServerMessage, type FollowingMessage, encodeInputStats, stateChecksum, type ErrorCode, type InputCodec, type InputStatsMessage, type InputStatsWire, type NoticeMessage,
  type PosePacking,
} from "@arena/shared";
import type { Identity } from "./auth/index.js";
import { botClient, type BotBrain } from "./bot-fill.js";
import { ClientIntake, type PacingStats } from "./client-intake.js";
import { ClientViews } from "./client-views.js";
import { withEncodeBuffer } from "./encode-buffer.js";
import { DEFAULT_TICK_ROOM_CONFIG, INTEREST_ENCODE_BUFFER_BYTES, type TickRoomConfig } from "./config.js";
import { FixedTickLoop } from "./fixed-tick-loop.js";
import { headlessClient } from "./recording/headless-client.js";
import { checkGameMessages, type GameMessages } from "./game-messages.js";
import type { HistoricPosition } from "./lag-history.js";
import { LagCompensator, type LagCompensated } from "./lag-compensator.js";
import { logger } from "./logger.js";
import { matchmakingGate, type GateAuth } from "./matchmaking-gate.js";
import { metrics } from "./metrics.js";
import { assertNoOwnedHookFields, assertNoOwnedHookOverrides, ownHookValues } from "./owned-hooks.js";
import { guardReconnects } from "./reconnect-identity.js";
import { RoomBots } from "./room-bots.js";
import { announceRoomRates } from "./room-rates.js";
import { SeatNames } from "./seat-names.js";
import { keepPendingPatchBytes } from "./patch-buffer.js";
import { withCorkedSockets } from "./socket-batch.js";
import { SpatialInterest, type InterestOptions } from "./spatial-interest.js";
import { Spectators, isSpectatorSeat } from "./spectators.js";
import { encodeStateInFull, separateSpectatorSeats } from "./colyseus/index.js";
import { exactFields, restoreState } from "./recording/keyframe.js";
import type { RoomKeyframe } from "./recording/room-recorder.js";
import { StateCollections } from "./state-collections.js";
import { PoseBank } from "./pose-bank.js";
import { TickStats } from "./tick-stats.js";
import { startRecording, recordedGameMessages, type HeadlessRoom, type RoomRecorder } from "./recording/index.js";
import { Replayer } from "./recording/replayer.js";
import { ReplaySession } from "./recording/replay-session.js";
import { replayLimits, replayRoomClosed, takeReplay } from "./recording/replay-rooms.js";
import type { TickContext, TickInput, TickRoomState } from "./tick-types.js";

export type { AckedPlayer, TickContext, TickInput, TickRoomState } from "./tick-types.js";
export type { LagCompensated } from "./lag-compensator.js";

/** The live tick timeline in ms: the last tick computed, plus the time accumulated toward the next. */
function timelineMs(t: { tick: number; tickMs: number; loop: FixedTickLoop | null }): number {
  return t.tick * t.tickMs + (t.loop?.pendingMs ?? 0);
}

/**
 * Base room for real-time games. It owns the netcode: the fixed-tick loop, per-client
 * validated and bounded input queues, acks, rate limits, clock-sync pings, lag-compensation
 * history and reconnection. A room type supplies state, an input schema and the hooks below.
 *
 * Contract for subclasses: hooks run inside the tick and must be deterministic functions of
 * state and inputs (no clocks, no Math.random); they never see an unvalidated message.
 * Composition, not override: a room type implements the hooks below and must not override the
 * Colyseus hooks TickRoom owns (OWNED_HOOKS in owned-hooks.ts); constructing one that does throws.
 */
export abstract class TickRoom<S extends TickRoomState, I extends TickInput> extends Room<S> {
  /** Override (spread DEFAULT_TICK_ROOM_CONFIG) to tune rates and limits. */
  protected config: TickRoomConfig = DEFAULT_TICK_ROOM_CONFIG;
  /** Validator for the `input` message. */
  protected abstract readonly inputSchema: ZodType<I>;
  protected readonly log = logger.child({});
  /** Where hit-relevant entities were at each recent tick, and where a sender saw them (lagCompensate). */
  protected readonly lag = new LagCompensator();
  readonly tickStats = new TickStats();
  private loop!: FixedTickLoop;
  /** Everything clients send passes through here first (limits, validation, input queues). */
  private intake!: ClientIntake<I>;
  /** Server-side bots seated while people play (config.botFill); null without a botBrain. */
  private bots: RoomBots<S, I> | null = null;
  /** The bot count last written to the room's listing metadata (-1: none yet). */
  private listedBots = -1;
  /** Set by a room type to allow server-side bots (config.botFill): decides each bot's input every tick. */
  protected readonly botBrain: BotBrain<S, I> | null = null;
  /**
   * Set by a room type to turn on interest management: each client receives only the items of
   * `interest.collections` (default: the players) within `radiusPx` of its own player (items need
   * `x`, `y`; each of those collections must be tagged `@view()`).
   */
  protected readonly interest: InterestOptions | null = null;
  /**
   * Set by a room type to have the default `hitPositions` record every item of these state
   * collections (e.g. `["players", "balls"]`) for lag compensation, each with its collection as
   * `kind` (undefined for players). A room that overrides hitPositions ignores it.
   */
  protected readonly historyCollections: readonly string[] | null = null;
  /** interest.collections, checked against the state; null: players only (or no interest). */
  private interestItems: StateCollections | null = null;
  /** historyCollections, checked against the state. */
  private historyItems: StateCollections | null = null;
  /**
   * Set by a room type to send one collection's fast-changing numbers (positions, an aim) packed:
   * `definePosePacking({ collection, bank, fields })` (see shared/src/schema/pose-packing.ts).
   * The framework gives each entity a slot and writes the bank before every patch and when a
   * client joins; clients unpack it into plain fields. The entities keep those fields as plain,
   * unsynced numbers.
   */
  protected readonly posePacking: PosePacking | null = null;
  /** Writes posePacking's bank; null without one. */
  private poseBank: PoseBank | null = null;
  /**
   * Set by a room type to also accept inputs packed by this codec (ClientMessage.InputPacked),
   * besides the msgpack `input` message: same queue and acks, far less parsing per input.
   */
  protected readonly inputCodec: InputCodec<I> | null = null;
  /**
   * Set by a room type to accept its own client messages besides inputs (a chat line, a vote, an
   * emote): type name -> defineGameMessage(schema, handler, options). They pass the same intake
   * as inputs (rate limits, validation, coded errors, strikes); names of the framework's own
   * messages are refused when the room is created. See docs/writing-a-room-type.md, "Messages".
   */
  protected readonly gameMessages: GameMessages = {};
  /** The context of an "arrival" game message: the last tick computed (one object, reused). */
  private readonly arrivalContext: { -readonly [K in keyof TickContext]: TickContext[K] } = { tick: 0, dtSec: 0, tickMs: 0 };
  /**
   * What serverTimeMs reads for every input, in a plain object of its own: a Colyseus room is a
   * dictionary-mode object (its `__init` redefines `state`, `maxClients`, ... as accessors on the
   * instance), so each `this.x` there is a hash lookup, and `state.tick` a schema getter besides.
   * `tick` is set with `state.tick` in finishStep, the one place a live room's tick advances, and
   * when a keyframe is restored.
   */
  private readonly timeline: { tick: number; tickMs: number; loop: FixedTickLoop | null } = { tick: 0, tickMs: 0, loop: null };
  /** The step being computed, one object for every tick (no allocation per tick). */
  private readonly tickContext: { -readonly [K in keyof TickContext]: TickContext[K] } = { tick: 0, dtSec: 0, tickMs: 0 };
  /** applyInput for the step being computed (a person's queued input or a bot's). */
  private readonly applyTickInput = (sessionId: string, input: I): void => {
    this.recorder?.input(sessionId, input);
    this.applyInput(sessionId, input, this.tickContext);
  };
  /** A replay room (create option `replay`, see recording/replay-rooms.ts): the recording drives its ticks; null otherwise. */
  private replay: ReplaySession | null = null;
  /** What this room applies, written to disk (null when the process does not record; see recording/). */
  private recorder: RoomRecorder | null = null;
  /**
   * The version of this room type's rules, written into its recordings: bump it when a change
   * makes old recordings replay differently (the replay warns about a mismatch).
   */
  readonly definitionVersion: number = 1;
  /**
   * State fields the recording's checksum leaves out besides the framework's own (`ack`, and the
   * pose bank, `slot` and `fine` with posePacking): ones a room type writes in `beforePatch`
   * (at patch time, not tick time). See docs/writing-a-room-type.md, "Recordable".
   */
  protected readonly checksumSkip: readonly string[] = [];
  private readonly writeAck = (sessionId: string, seq: number): void => {
    const player = this.state.players.get(sessionId);
    if (player) player.ack = seq;
  };
  /** Per-client StateViews; null when the state schema has no `@view` fields. */
  private views: ClientViews<object> | null = null;
  /** Spectators (join option `spectate: true`): no player, no inputs; see spectators.ts. */
  private readonly spectators = new Spectators();
  private readonly followedBy = (spectatorId: string): string | undefined => this.spectators.followed(spectatorId);
  private readonly tellFollowing = (spectatorId: string, playerId: string): void => {
    const message: FollowingMessage = { sessionId: playerId };
    this.clients.getById(spectatorId)?.send(ServerMessage.Following, message);
  };
  /** Display names unique within the room ("Ann", "Ann 2"), people and bots alike. */
  private readonly names = new SeatNames();
  /** The wait the shutdown notice asks for, in ms (see prepareShutdown). */
  private restartRetryAfterMs = DEFAULT_RESTART_RETRY_AFTER_MS;
  /** The loop's droppedMs already granted back to the players as catch-up credit. */
  private grantedDroppedMs = 0;
  /** One wire array reused for every input_stats report (client.send encodes it at once). */
  private readonly inputStatsWire: InputStatsWire = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  private readonly sendInputStats = (sessionId: string, report: InputStatsMessage): void => {
    this.clients.getById(sessionId)?.send(ServerMessage.InputStats, encodeInputStats(report, this.inputStatsWire));
  };

  /** Owned hooks that were own properties after Room's constructor (its exception wrappers). */
  private readonly hooksAtConstruction: Map<string, unknown>;

  constructor() {
    super();
    // A room type overriding onJoin (say) without super would switch the netcode off: refuse it.
    assertNoOwnedHookOverrides(this, TickRoom);
    this.hooksAtConstruction = ownHookValues(this);
  }

  /** Build the initial state from the create options (already validated by the room type). */
  protected abstract createState(options: unknown): S;
  /**
   * Add the joining client's player to `state.players` under `client.sessionId`.
   * `identity` is who the identity provider says the client is (use its name, not a join option).
   * A server-side bot is seated through here too, with a socketless stand-in client.
   */
  protected abstract addPlayer(client: Client, identity: Identity, options: unknown): void;
  /** Apply one validated input of one player. Called in seq order, once per input. */
  protected abstract applyInput(sessionId: string, input: I, ctx: TickContext): void;
  /** Advance everything not driven by inputs by one tick (timers, respawns). */
  protected abstract stepWorld(ctx: TickContext): void;
  /**
   * Positions to keep for lag compensation, recorded after each tick. Default: every item of
   * `historyCollections` (none without it). An entry's `kind` tells a ball from a player.
   */
  protected hitPositions(): Iterable<HistoricPosition> | null {
    return this.historyItems ? this.historyItems.positionsOf(this.state) : null;
  }
  /**
   * Runs first in room creation, before the framework reads `config` and `interest`: set them
   * from the create options here (`serverConfig` overrides are merged after). Default: nothing.
   */
  protected beforeCreate(_options: unknown): void {}
  /** Runs last in room creation: state, loop and intake exist (e.g. seat scripted players). Default: nothing. */
  protected afterCreate(_options: unknown): void {}
  /**
   * The room type's server-only state that later ticks depend on (timers, a ball's velocity, who
   * may kick when), JSON-safe, for a recording's keyframes; `restoreWorld` puts it back into a
   * room restored from one (its state, history and seats are back already). A room type whose
   * every such value is in its state schema needs neither. Scratch (buffers refilled every tick)
   * stays out. See docs/writing-a-room-type.md, "Recordable". Default: nothing.
   */
  protected snapshotWorld(): unknown {
    return null;
  }
  protected restoreWorld(_world: unknown): void {}
  /** Remove a player for good (left, or reconnect grace expired). */
  protected removePlayer(sessionId: string): void {
    this.state.players.delete(sessionId);
  }

  /** Tick the room is about to show: `state.tick`. */
  get tick(): number {
    return this.state.tick;
  }

  get tickMs(): number {
    return 1000 / this.config.tickHz;
  }

  /** Server clock in ms on the tick timeline (what `pong.serverTimeMs` carries). */
  get serverTimeMs(): number {
    if (this.replay) return this.replay.timeMs(this.loop.pendingMs);
    return timelineMs(this.timeline);
  }

  /** Inputs refused so far (stale, too far ahead, queue full), over all clients. */
  get inputsDropped(): number {
    return this.intake.inputsDropped;
  }

  /** Input ages and queue depths over all clients since the last `resetPacingStats` (the bench reads them). */
  get pacingStats(): PacingStats {
    return this.intake.pacingStats;
  }

  resetPacingStats(): void {
    this.intake.resetPacingStats();
  }

  override onCreate(options: unknown): void {
    // Owned hooks set as class fields exist only after the subclass constructor: check them now.
    assertNoOwnedHookFields(this, TickRoom, this.hooksAtConstruction);
    // A replay room is set up from the recording's create options and config (see setUpReplay).
    const replay = takeReplay(options, this.roomId);
    if (replay) options = replay.recording.header.options;
    this.beforeCreate(options);
    this.log.setBindings({ room: this.roomName, roomId: this.roomId });
    this.refuseBadGameMessages();
    // The gate counts a reservation for as long as the seat waits (see GateOptions.seatReservationSec).
    this.setSeatReservationTime(matchmakingGate().seatReservationSec);
    // Server-side overrides arrive as the `serverConfig` define option (see app.ts); clients cannot set it.
    const serverConfig = (options as { serverConfig?: Partial<TickRoomConfig> } | undefined)?.serverConfig;
    if (serverConfig) this.config = { ...this.config, ...serverConfig };
    if (replay) this.config = { ...(replay.recording.header.config as unknown as TickRoomConfig), spectatorLimit: replayLimits().viewersPerRoom };
    withEncodeBuffer(this.encodeBufferBytes, () => this.setState(this.checkedState(options)));
    if (this.posePacking) this.poseBank = new PoseBank(this.posePacking);
    if (ClientViews.needed(this.state.constructor as typeof Schema)) {
      this.views = new ClientViews(this.interest ? new SpatialInterest(this.interest, (p) => p as unknown as { x: number; y: number }) : null);
    }
    this.setPatchRate(1000 / this.config.patchHz);
    this.applyTickRate();
    this.recorder = replay ? null : startRecording(this, this.config, options, this.log);
    if (replay) this.setUpReplay(replay);
    const timeline = this.timeline;
    this.intake = new ClientIntake<I>({
      config: this.config,
      inputSchema: this.inputSchema,
      inputCodec: this.inputCodec,
      log: this.log,
      serverTimeMs: this.replay ? () => this.serverTimeMs : () => timelineMs(timeline),
      gameMessages: this.recorder ? recordedGameMessages(this.gameMessages, this.recorder) : this.gameMessages,
      arrivalContext: () => {
        this.arrivalContext.tick = this.state.tick;
        return this.arrivalContext;
      },
      follow: (spectatorId, playerId) => this.spectators.choose(spectatorId, playerId, this.state.players),
      replayControl: this.replay ? (_spectatorId, control) => this.replay?.control(control) : undefined,
    });
    // maxClients limits players; spectators have their own limit (config.spectatorLimit).
    separateSpectatorSeats(this, {
      isSpectatorSeat,
      isSpectator: (sessionId) => this.spectators.has(sessionId),
      spectatorLimit: () => this.config.spectatorLimit,
    });
    this.intake.listen(this);
    this.clock.setInterval(() => this.intake.probe(this.clients), this.config.probeIntervalMs);
    if (this.botBrain && !this.replay) {
      this.bots = new RoomBots<S, I>(this.botBrain, this.inputSchema, this.log, {
        seat: (seat) => this.seatPlayer(botClient(seat), { id: seat.id, name: this.names.claim(seat.id, seat.name) }, {}, true),
        unseat: (botId) => {
          this.names.release(botId);
          this.unseatPlayer(botId);
        },
      });
    }
    this.loop = new FixedTickLoop({
      tickMs: this.tickMs,
      maxCatchUpSteps: this.config.maxCatchUpSteps,
      onStep: this.replay ? () => this.replayStep() : () => this.runTick(),
    });
    this.timeline.loop = this.loop;
    this.loop.start();
    // A reconnect takes a held seat only with a token of the identity that held it.
    guardReconnects(this, (held, context) => matchmakingGate().reconnecting(held, context.token, String(context.ip)));
    metrics.rooms.inc();
    this.afterCreate(options);
    if (this.replay) this.startReplayAt(this.replay.offer.atTick);
  }

  /**
   * A replay room: no players join (only spectators, its viewers), it is not listed nor found by
   * quick play, and its ticks are the recording's, stepped by a Replayer through the same hooks
   * as a headless replay (see ReplaySession for speed and pause).
   */
  private setUpReplay(offer: NonNullable<ReturnType<typeof takeReplay>>): void {
    this.setPrivate(true).catch((err: unknown) => this.log.warn({ err }, "could not unlist the replay room"));
    this.lock().catch((err: unknown) => this.log.warn({ err }, "could not lock the replay room"));
    const send = (status: unknown): void => this.broadcast(ServerMessage.ReplayStatus, status);
    this.replay = new ReplaySession(offer, new Replayer(offer.recording, this.headlessDriver() as HeadlessRoom<TickInput>), this.tickMs, send, this.log);
  }

  /** Fast-forward a new replay room to `tick` before any viewer joins (nothing is sent meanwhile). */
  private startReplayAt(tick: number): void {
    const broadcast = this.broadcast;
    this.broadcast = () => undefined;
    try {
      const startMs = performance.now();
      const ticks = this.replay!.seek(tick);
      this.log.info({ ticks, ms: Math.round(performance.now() - startMs), recording: this.replay!.offer.recordingId }, "replay room started");
    } finally {
      this.broadcast = broadcast;
    }
  }

  /** A replay room's loop step: the recording's ticks, then the same end-of-tick bookkeeping. */
  private replayStep(): void {
    const startMs = performance.now();
    this.replay!.step();
    this.tickStats.add(performance.now() - startMs);
  }

  /**
   * A bad declaration fails the create (the caller gets the Error's message) before anything of
   * this room runs. Colyseus keeps a room whose onCreate threw until its auto-dispose timer, with
   * its patch interval running: stop that, so patches of a room that never started are not tried.
   */
  private refuseBadGameMessages(): void {
    try {
      checkGameMessages(this.gameMessages);
    } catch (err) {
      this.setPatchRate(null);
      throw err;
    }
  }

  /**
   * Every matchmaking call (create, joinOrCreate, join, joinById) needs a valid token
   * (Authorization: Bearer, set by colyseus.js `client.auth.token`) and must be within the
   * per-identity and per-address quotas: checked by the matchmaking gate before Colyseus creates
   * a room or reserves a seat. Static, so Colyseus runs it during HTTP matchmaking (an instance
   * onAuth only runs once the socket arrives, after the room and the seat exist).
   */
  static override async onAuth(token: string | undefined, options: unknown, context: AuthContext): Promise<GateAuth> {
    return matchmakingGate().admit(token, options, context, false);
  }

  override onJoin(client: Client, options: unknown, auth?: GateAuth): void {
    matchmakingGate().seated(client.sessionId, auth);
    if (isSpectatorSeat(options)) return this.seatSpectator(client);
    if (this.replay) {
      // Refused after the gate counted the seat: uncount it (Colyseus calls no onLeave for a refused join).
      matchmakingGate().left(client.sessionId);
      throw new Error("a replay room takes viewers (spectators) only");
    }
    this.intake.add(client);
    const name = this.names.claim(client.sessionId, auth?.name || "Guest");
    this.seatPlayer(client, { id: auth?.id ?? client.sessionId, name }, options, false);
    this.views?.attach(client, this.state.players.get(client.sessionId));
    this.fillWithBots();
    // The join snapshot goes out after this: it must hold where everyone is now, not at the last patch.
    this.poseBank?.sync(this.state);
    metrics.players.inc();
    this.log.info({ sessionId: client.sessionId }, "player joined");
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const sessionId = client.sessionId;
    if (this.spectators.has(sessionId)) return this.unseatSpectator(sessionId);
    if (!consented && this.config.reconnectGraceSec > 0 && !this.intake.wasKicked(sessionId)) {
      this.log.info({ sessionId }, "connection dropped; holding seat");
      try {
        await this.allowReconnection(client, this.config.reconnectGraceSec);
        this.log.info({ sessionId }, "player reconnected");
        metrics.reconnections.inc();
        return;
      } catch {
        this.log.info({ sessionId }, "reconnect grace expired");
      }
    }
    matchmakingGate().left(sessionId);
    this.names.release(sessionId);
    this.intake.remove(sessionId);
    this.views?.detach(sessionId);
    this.unseatPlayer(sessionId);
    this.fillWithBots();
    metrics.players.dec();
    this.log.info({ sessionId, consented }, "player left");
  }

  /**
   * A spectator: no player and no inputs (see ClientIntake.add); its view follows a player (the
   * first seated until it sends `follow`), and it is told whom (`following`). Counted against
   * config.spectatorLimit, not maxClients (separateSpectatorSeats).
   */
  private seatSpectator(client: Client): void {
    this.spectators.add(client.sessionId);
    this.intake.add(client, true);
    this.views?.attach(client, undefined, true);
    this.spectators.refresh(this.state.players, this.tellFollowing);
    this.views?.update(this.state.players, this.interestItems?.itemsOf(this.state), this.followedBy);
    this.poseBank?.sync(this.state);
    this.listSpectators();
    metrics.spectators.inc();
    this.replay?.sendStatus();
    this.log.info({ sessionId: client.sessionId }, "spectator joined");
  }

  /** A spectator left: it holds no seat for a reconnect (it simply watches again). */
  private unseatSpectator(sessionId: string): void {
    matchmakingGate().left(sessionId);
    this.intake.remove(sessionId);
    this.views?.detach(sessionId);
    this.spectators.remove(sessionId);
    this.listSpectators();
    metrics.spectators.dec();
    this.log.info({ sessionId }, "spectator left");
  }

  /** The spectator count in the room's listing metadata (`spectators`): the lobby shows it. */
  private listSpectators(): void {
    this.setMetadata({ spectators: this.spectators.size }).catch((err: unknown) => this.log.warn({ err }, "could not save the spectator count in the room listing"));
  }

  /**
   * Send the patch (and the messages queued for after it, `broadcast(..., { afterNextPatch: true })`)
   * with each client's socket corked: one write syscall per client per patch.
   */
  override broadcastPatch(): boolean {
    const sent = withCorkedSockets(this.clients, () => super.broadcastPatch());
    // A backlogged socket still holds this patch's bytes: encode the next one elsewhere. (With
    // StateViews every client gets its own copy from Colyseus, so only rooms without them.)
    if (sent && !this.views) keepPendingPatchBytes(this, this.clients);
    return sent;
  }

  /** Colyseus calls this right before encoding each patch: sync fields, then update client views. */
  override onBeforePatch(): void {
    // The seq of the last input applied per session since the last patch: one schema write per patch, not per tick.
    this.intake.takeAcks(this.writeAck);
    // Each client's input_stats once a second, sent here so it rides in the patch's corked write.
    this.intake.reportInputStats(this.config.patchHz, this.sendInputStats);
    this.beforePatch();
    this.poseBank?.sync(this.state);
    if (this.spectators.size > 0) this.spectators.refresh(this.state.players, this.tellFollowing);
    this.views?.update(this.state.players, this.interestItems?.itemsOf(this.state), this.followedBy);
  }

  /**
   * createState, with the declared interest and history collections checked against the new
   * state and the room's rates written into it, before it is set. A room that fails here stops its patch timer (Colyseus starts it at
   * construction and keeps a room whose onCreate threw until it auto-disposes).
   */
  private checkedState(options: unknown): S {
    try {
      const state = this.checkCollections(this.createState(options));
      // Clients run their netcode at the room's rates: they learn them from the join snapshot.
      announceRoomRates(this.config, state);
      return state;
    } catch (err) {
      this.setPatchRate(null);
      throw err;
    }
  }

  private checkCollections(state: S): S {
    const interest = this.interest?.collections;
    if (interest) {
      if (!interest.includes("players")) throw new Error('interest.collections must include "players" (a client sees the others near its own player)');
      this.interestItems = new StateCollections(interest, "interest.collections");
      this.interestItems.check(state);
    }
    if (this.historyCollections) {
      this.historyItems = new StateCollections(this.historyCollections, "historyCollections");
      this.historyItems.check(state);
    }
    if (this.posePacking) {
      new StateCollections([this.posePacking.collection], "posePacking.collection").check(state);
      if (!(this.posePacking.bank in state)) throw new Error(`posePacking.bank: the state has no SlotBank field "${this.posePacking.bank}"`);
    }
    return state;
  }

  /**
   * Runs right before each patch is encoded (patchHz): copy simulation state into synced fields
   * that only need to be as fresh as the patch (e.g. packed positions). Default: nothing.
   */
  protected beforePatch(): void {}

  /** The process is draining for a restart: tell players now, while their game goes on. */
  announceRestart(withinSec: number): void {
    const notice: NoticeMessage = {
      code: NoticeCode.ServerRestarting,
      message: `The server restarts within ${Math.ceil(withinSec)} s; finish your round, then rejoin.`,
    };
    this.broadcast(ServerMessage.Notice, notice);
  }

  /**
   * The process is about to shut down and be restarted (shutdown.ts, before Colyseus's shutdown):
   * `retryAfterMs` is the wait the closing notice asks players for (RESTART_RETRY_AFTER_MS).
   */
  prepareShutdown(retryAfterMs: number): void {
    this.restartRetryAfterMs = retryAfterMs;
  }

  /**
   * Server shutting down: tell players why, and when to come back (`retryAfterMs`), before closing
   * with CloseCode.ServerShutdown. The notice goes out on each socket before its close frame, so a
   * client has it by the time it sees 4201 (docs/protocol.md, Reconnection).
   */
  override onBeforeShutdown(): void {
    const notice: NoticeMessage = {
      code: NoticeCode.ServerRestarting,
      message: "The server is restarting; you will be back in a moment.",
      retryAfterMs: this.restartRetryAfterMs,
    };
    this.broadcast(ServerMessage.Notice, notice);
    this.log.info("server shutting down; closing room");
    void this.disconnect(CloseCode.ServerShutdown);
  }

  override onDispose(): void {
    if (!this.loop) return; // onCreate failed (see refuseBadGameMessages): nothing started, nothing counted
    this.loop.stop();
    void this.recorder?.finish("dispose");
    if (this.replay) replayRoomClosed(this.roomId);
    metrics.rooms.dec();
    this.log.info("room disposed");
  }

  /** Colyseus routes exceptions from hooks here (instead of crashing the process). */
  override onUncaughtException(error: unknown, methodName: string): void {
    this.log.error({ err: error, methodName }, "uncaught exception in room hook");
  }

  /** Run one fixed step: drain inputs, step the world, record history. */
  private runTick(): void {
    const startMs = performance.now();
    const ctx = this.tickContext;
    ctx.tick = this.state.tick + 1;
    try {
      // Game messages first: what arrived before this tick applies to it, then its inputs.
      this.intake.deliverGameMessages(ctx);
      this.intake.takeDue(this.state.players, this.applyTickInput, startMs, this.takeLostTicks());
      this.playBots(ctx);
      this.finishStep(ctx);
    } catch (err) {
      this.fail(err);
    }
    const durationMs = performance.now() - startMs;
    this.tickStats.add(durationMs);
    metrics.tickDuration.observe(durationMs / 1000);
  }

  /** The end of every step, live or replayed: the world steps, the tick advances, history and recording follow. */
  private finishStep(ctx: TickContext): void {
    this.stepWorld(ctx);
    this.state.tick = ctx.tick;
    this.timeline.tick = ctx.tick;
    const positions = this.hitPositions();
    if (positions) this.lag.record(ctx.tick, positions);
    this.recorder?.endTick(ctx.tick, this.checksum);
  }

  /** addPlayer, recorded. */
  private seatPlayer(client: Client, identity: Identity, options: unknown, bot: boolean): void {
    this.recorder?.seat(client.sessionId, identity.id, identity.name, options, bot);
    this.addPlayer(client, identity, options);
  }

  /** removePlayer, recorded. */
  private unseatPlayer(playerId: string): void {
    this.recorder?.unseat(playerId);
    this.removePlayer(playerId);
  }

  /** The tick rate into the reused tick contexts and the timeline, and a history that spans `historyMs` at it (live and headless alike). */
  private applyTickRate(): void {
    this.tickContext.dtSec = 1 / this.config.tickHz;
    this.tickContext.tickMs = this.tickMs;
    this.timeline.tickMs = this.tickMs;
    this.arrivalContext.dtSec = this.tickContext.dtSec;
    this.arrivalContext.tickMs = this.tickMs;
    this.lag.configure(this.config.historyMs, this.tickMs, this.config.patchHz);
  }

  /** The encode buffer the room's state is set with (see encode-buffer.ts). */
  private get encodeBufferBytes(): number {
    return this.config.encodeBufferBytes || (this.interest ? INTEREST_ENCODE_BUFFER_BYTES : 0);
  }

  /** This room at a tick boundary, for its recording's keyframe (recording/keyframe.ts; the recorder adds the seats). */
  captureKeyframe(): RoomKeyframe {
    const skip = (this.checksumSkipSet ??= this.checksumSkipFields);
    return { stateBytes: encodeStateInFull(this), exact: exactFields(this.state, skip) ?? null, history: this.lag.snapshot(), world: this.snapshotWorld() ?? null };
  }

  /**
   * Put this headless (or replay) room where a keyframe was: a new state from it, the
   * lag-compensation history, the room type's server-only state. The pose bank starts empty and
   * gives slots afresh (slots are not simulation state).
   */
  private restoreKeyframe(stateBytes: Uint8Array, data: KeyframeData): void {
    const state = restoreState(this.state as unknown as Schema, stateBytes, data.exact) as unknown as S;
    if (this.posePacking) {
      const bank = (state as unknown as Record<string, SlotBank>)[this.posePacking.bank]!;
      for (let slot = 0; slot < POSE_BANK_SLOTS; slot++) clearSlot(bank, slot);
      this.poseBank = new PoseBank(this.posePacking);
    }
    withEncodeBuffer(this.encodeBufferBytes, () => this.setState(state));
    this.timeline.tick = state.tick;
    this.lag.restore(data.history);
    this.restoreWorld(data.world);
  }

  /** Fields the recording's checksum leaves out (see checksumSkip). */
  get checksumSkipFields(): ReadonlySet<string> {
    const skip = new Set(["ack", ...this.checksumSkip]);
    if (this.posePacking) for (const f of [this.posePacking.bank, "slot", "fine"]) skip.add(f);
    return skip;
  }

  /** The state's checksum as recordings write it (see stateChecksum). */
  readonly checksum = (): number => stateChecksum(this.state as unknown as Schema, this.checksumSkipSet ??= this.checksumSkipFields);
  private checksumSkipSet: ReadonlySet<string> | undefined;

  /**
   * The replay harness's seam (framework/recording/replay.ts), not for room types: set this
   * room up from a recording's create options and config without sockets, loop or matchmaking,
   * and drive its hooks with the recorded events. Call on a fresh instance, instead of onCreate.
   */
  startHeadless(roomId: string, roomName: string, options: unknown, config: TickRoomConfig): HeadlessRoom<I> {
    this.roomId = roomId;
    this.roomName = roomName;
    this.beforeCreate(options);
    this.config = config;
    this.setState(this.checkedState(options));
    this.setPatchRate(null);
    this.applyTickRate();
    // Messages to clients go nowhere (and are not queued for a patch that never comes).
    this.broadcast = () => undefined;
    this.afterCreate(options);
    return this.headlessDriver();
  }

  /** The hooks a replay drives (headless, or a replay room's Replayer): recorded events straight to the room type. */
  private headlessDriver(): HeadlessRoom<I> {
    const ctx = this.tickContext;
    return {
      seat: (playerId, identity, joinOptions, bot) => this.addPlayer(bot ? botClient({ id: playerId, name: identity.name, seq: 0, faulted: false }) : headlessClient(playerId), identity, joinOptions),
      unseat: (playerId) => this.removePlayer(playerId),
      arrival: (playerId, type, value) => {
        this.arrivalContext.tick = this.state.tick;
        this.gameMessages[type]?.handle(playerId, value, this.arrivalContext);
      },
      beginTick: () => {
        ctx.tick = this.state.tick + 1;
      },
      tickMessage: (playerId, type, value) => this.gameMessages[type]?.handle(playerId, value, ctx),
      input: (playerId, input) => this.applyInput(playerId, input, ctx),
      endTick: () => this.finishStep(ctx),
      checksum: this.checksum,
      restore: (stateBytes, data) => this.restoreKeyframe(stateBytes, data),
      get tick() {
        return ctx.tick;
      },
    };
  }

  /** Whole ticks the loop dropped (a stall beyond its catch-up cap) since the last call. */
  private takeLostTicks(): number {
    const ungrantedMs = this.loop.droppedMs - this.grantedDroppedMs;
    if (ungrantedMs < this.tickMs) return 0;
    const lostTicks = Math.floor(ungrantedMs / this.tickMs);
    this.grantedDroppedMs += lostTicks * this.tickMs;
    return lostTicks;
  }

  /**
   * Seat or unseat server-side bots so people plus bots make config.botFill (see RoomBots), and
   * keep the count in the room's listing metadata (`bots`): the lobby shows "1 player + 2 bots".
   */
  private fillWithBots(): void {
    if (!this.bots) return;
    this.bots.refill(this.state.players.size, this.config.botFill, this.maxClients);
    const bots = this.bots.seated;
    if (bots === this.listedBots) return;
    this.listedBots = bots;
    // Written to the listing at once; the lobby hears it with the join or leave being handled.
    this.setMetadata({ bots }).catch((err: unknown) => this.log.warn({ err }, "could not save the bot count in the room listing"));
  }

  /** Feed each bot's input for this tick through the same validation and applyInput path as a person's. */
  private playBots(ctx: TickContext): void {
    if (this.bots?.seated) this.bots.play(this.state, ctx.tick, this.applyTickInput);
  }

  /**
   * Lag compensation for one input: everyone's hit positions where its sender saw them (see
   * LagCompensator.compensate: bounded by what the sender's measured link makes plausible, by the
   * history kept, never in the future, and as the sender extrapolated them when it drew past its
   * newest patch), how far back that is, and whether the claimed view tick was moved forward.
   * Undefined positions: that tick is not in the history (a new room). The result object is
   * reused: read it before the next call.
   */
  protected lagCompensate(input: I): LagCompensated {
    return this.lag.compensate(input, this.state.tick);
  }

  private fail(err: unknown): void {
    this.loop.stop();
    this.log.error({ err }, "room tick failed; closing room");
    metrics.roomFailures.inc();
    void this.disconnect(CloseCode.RoomError);
  }

  /**
   * Refuse a message: log it, tell the sender (error replies are rate limited), count a strike
   * (unless `strike` is false), and close the connection with CloseCode.Abuse once the strikes run out.
   */
  protected reject(client: Client, code: ErrorCode, message: string, strike = true): void {
    this.intake.reject(client, code, message, strike);
  }
}
