import { Room, type AuthContext, type Client } from "@colyseus/core";
import type { Schema } from "@colyseus/schema";
import type { ZodType } from "zod";
import {
  CloseCode, NoticeCode, ServerMessage, encodeInputStats, type ErrorCode, type InputCodec, type InputStatsMessage, type InputStatsWire, type NoticeMessage,
} from "@arena/shared";
import type { Identity } from "./auth/index.js";
import { botClient, type BotBrain } from "./bot-fill.js";
import { ClientIntake, type PacingStats } from "./client-intake.js";
import { ClientViews } from "./client-views.js";
import { withEncodeBuffer } from "./encode-buffer.js";
import { DEFAULT_TICK_ROOM_CONFIG, INTEREST_ENCODE_BUFFER_BYTES, type TickRoomConfig } from "./config.js";
import { FixedTickLoop } from "./fixed-tick-loop.js";
import { checkGameMessages, type GameMessages } from "./game-messages.js";
import { LagHistory, type HistoricPosition } from "./lag-history.js";
import { rewindTick, type RewindTick } from "./lag-compensation.js";
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
import { StateCollections } from "./state-collections.js";
import { TickStats } from "./tick-stats.js";
import type { TickContext, TickInput, TickRoomState } from "./tick-types.js";

export type { AckedPlayer, TickContext, TickInput, TickRoomState } from "./tick-types.js";

/** What lagCompensate found for one input (see there). */
export interface LagCompensated {
  /** Hit positions at the rewound tick; undefined when that tick is not in the history. */
  positions: readonly HistoricPosition[] | undefined;
  /** How far back that tick is from the newest recorded one (state.tick), in ms. */
  rewindMs: number;
  /** True when the input's view tick was earlier than allowed and was moved forward. */
  clamped: boolean;
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
  protected history!: LagHistory;
  readonly tickStats = new TickStats();
  private loop!: FixedTickLoop;
  /** Everything clients send passes through here first (limits, validation, input queues). */
  private intake!: ClientIntake<I>;
  /** Server-side bots seated while people play (config.botFill); null without a botBrain. */
  private bots: RoomBots<S, I> | null = null;
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
  /** The step being computed, one object for every tick (no allocation per tick). */
  private readonly tickContext: { -readonly [K in keyof TickContext]: TickContext[K] } = { tick: 0, dtSec: 0, tickMs: 0 };
  /** applyInput for the step being computed (a person's queued input or a bot's). */
  private readonly applyTickInput = (sessionId: string, input: I): void => this.applyInput(sessionId, input, this.tickContext);
  private readonly writeAck = (sessionId: string, seq: number): void => {
    const player = this.state.players.get(sessionId);
    if (player) player.ack = seq;
  };
  private readonly rewound: RewindTick = { tick: 0, clamped: false };
  private readonly lagCompensated: LagCompensated = { positions: undefined, rewindMs: 0, clamped: false };
  /** Per-client StateViews; null when the state schema has no `@view` fields. */
  private views: ClientViews<object> | null = null;
  /** Display names unique within the room ("Ann", "Ann 2"), people and bots alike. */
  private readonly names = new SeatNames();
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
    return this.state.tick * this.tickMs + this.loop.pendingMs;
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
    this.beforeCreate(options);
    this.log.setBindings({ room: this.roomName, roomId: this.roomId });
    this.refuseBadGameMessages();
    // The gate counts a reservation for as long as the seat waits (see GateOptions.seatReservationSec).
    this.setSeatReservationTime(matchmakingGate().seatReservationSec);
    // Server-side overrides arrive as the `serverConfig` define option (see app.ts); clients cannot set it.
    const serverConfig = (options as { serverConfig?: Partial<TickRoomConfig> } | undefined)?.serverConfig;
    if (serverConfig) this.config = { ...this.config, ...serverConfig };
    const encodeBufferBytes = this.config.encodeBufferBytes || (this.interest ? INTEREST_ENCODE_BUFFER_BYTES : 0);
    withEncodeBuffer(encodeBufferBytes, () => this.setState(this.checkedState(options)));
    if (ClientViews.needed(this.state.constructor as typeof Schema)) {
      this.views = new ClientViews(this.interest ? new SpatialInterest(this.interest, (p) => p as unknown as { x: number; y: number }) : null);
    }
    this.setPatchRate(1000 / this.config.patchHz);
    this.tickContext.dtSec = 1 / this.config.tickHz;
    this.tickContext.tickMs = this.tickMs;
    this.arrivalContext.dtSec = this.tickContext.dtSec;
    this.arrivalContext.tickMs = this.tickMs;
    this.history = new LagHistory(Math.ceil(this.config.historyMs / this.tickMs) + 1);
    this.intake = new ClientIntake<I>({
      config: this.config,
      inputSchema: this.inputSchema,
      inputCodec: this.inputCodec,
      log: this.log,
      serverTimeMs: () => this.serverTimeMs,
      gameMessages: this.gameMessages,
      arrivalContext: () => {
        this.arrivalContext.tick = this.state.tick;
        return this.arrivalContext;
      },
    });
    this.intake.listen(this);
    this.clock.setInterval(() => this.intake.probe(this.clients), this.config.probeIntervalMs);
    if (this.botBrain) {
      this.bots = new RoomBots<S, I>(this.botBrain, this.inputSchema, this.log, {
        seat: (seat) => this.addPlayer(botClient(seat), { id: seat.id, name: this.names.claim(seat.id, seat.name) }, {}),
        unseat: (botId) => {
          this.names.release(botId);
          this.removePlayer(botId);
        },
      });
    }
    this.loop = new FixedTickLoop({
      tickMs: this.tickMs,
      maxCatchUpSteps: this.config.maxCatchUpSteps,
      onStep: () => this.runTick(),
    });
    this.loop.start();
    // A reconnect takes a held seat only with a token of the identity that held it.
    guardReconnects(this, (held, context) => matchmakingGate().reconnecting(held, context.token, String(context.ip)));
    metrics.rooms.inc();
    this.afterCreate(options);
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
    this.intake.add(client);
    const name = this.names.claim(client.sessionId, auth?.name || "Guest");
    this.addPlayer(client, { id: auth?.id ?? client.sessionId, name }, options);
    this.views?.attach(client, this.state.players.get(client.sessionId));
    this.fillWithBots();
    metrics.players.inc();
    this.log.info({ sessionId: client.sessionId }, "player joined");
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const sessionId = client.sessionId;
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
    this.removePlayer(sessionId);
    this.fillWithBots();
    metrics.players.dec();
    this.log.info({ sessionId, consented }, "player left");
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
    this.views?.update(this.state.players, this.interestItems?.itemsOf(this.state));
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

  /** Server shutting down: tell players why before closing with CloseCode.ServerShutdown. */
  override onBeforeShutdown(): void {
    const notice: NoticeMessage = { code: NoticeCode.ServerRestarting, message: "The server is restarting; please rejoin in a moment." };
    this.broadcast(ServerMessage.Notice, notice);
    this.log.info("server shutting down; closing room");
    void this.disconnect(CloseCode.ServerShutdown);
  }

  override onDispose(): void {
    if (!this.loop) return; // onCreate failed (see refuseBadGameMessages): nothing started, nothing counted
    this.loop.stop();
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
      this.stepWorld(ctx);
      this.state.tick = ctx.tick;
      const positions = this.hitPositions();
      if (positions) this.history.record(ctx.tick, positions);
    } catch (err) {
      this.fail(err);
    }
    const durationMs = performance.now() - startMs;
    this.tickStats.add(durationMs);
    metrics.tickDuration.observe(durationMs / 1000);
  }

  /** Whole ticks the loop dropped (a stall beyond its catch-up cap) since the last call. */
  private takeLostTicks(): number {
    const ungrantedMs = this.loop.droppedMs - this.grantedDroppedMs;
    if (ungrantedMs < this.tickMs) return 0;
    const lostTicks = Math.floor(ungrantedMs / this.tickMs);
    this.grantedDroppedMs += lostTicks * this.tickMs;
    return lostTicks;
  }

  /** Seat or unseat server-side bots so people plus bots make config.botFill (see RoomBots). */
  private fillWithBots(): void {
    this.bots?.refill(this.state.players.size, this.config.botFill, this.maxClients);
  }

  /** Feed each bot's input for this tick through the same validation and applyInput path as a person's. */
  private playBots(ctx: TickContext): void {
    if (this.bots?.seated) this.bots.play(this.state, ctx.tick, this.applyTickInput);
  }

  /**
   * Lag compensation for one input: everyone's hit positions at the tick its sender was drawing
   * them at (see rewindTick: bounded by what the sender's measured link makes plausible, by the
   * history kept, and never in the future), how far back that is, and whether the claimed view
   * tick was moved forward. Undefined positions: that tick is not in the history (a new room).
   * The result object is reused: read it before the next call.
   */
  protected lagCompensate(input: I): LagCompensated {
    const current = this.state.tick;
    const oldest = current - this.history.capacityTicks + 1;
    const at = rewindTick(input.viewTick, input.viewFloorTick ?? oldest, oldest, current, this.rewound);
    const result = this.lagCompensated;
    result.positions = this.history.at(at.tick);
    // From the newest recorded tick (what the shot would be resolved against without rewinding).
    result.rewindMs = (current - at.tick) * this.tickMs;
    result.clamped = at.clamped;
    return result;
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
