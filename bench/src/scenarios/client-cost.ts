import { Encoder, Reflection, StateView, type Decoder, type Schema } from "@colyseus/schema";
import { OWNER_VIEW_TAG, PATCH_HZ, TICK_HZ, TICK_SEC, encodeAngle8 } from "@arena/shared";
import {
  ARENA_MAP, ArenaPlayer, ArenaState, stepMovement, ARENA_POSES, arenaGame, type ArenaInput, type ArenaBody,
} from "@arena/shared/games/arena";
import { PoseBank } from "@arena/server/framework";
import type { Room } from "colyseus.js";
import { NetSession, type ClientRoomType } from "../../../client/src/net/index.js";
import { mean, percentile } from "../lib/stats.js";
import { BaselinePlayer, BaselineState } from "../rooms/baseline-room.js";
import { moverIntent, moverStart, type MoverIntent } from "../rooms/movers.js";

export interface ClientCostParams {
  remotes: number;
  frames: number;
  warmupFrames: number;
  /** Display frame rate the client renders at. */
  fps: number;
}

export interface ClientCostSide {
  /** Mean µs per rendered frame: everything below together. */
  usPerFrame: number;
  /** µs per patch to decode it (schema, reflected types as colyseus.js does). */
  decodeUsPerPatch: number;
  /** µs per patch for the session's state handler: reconcile + push 60 interpolators. */
  onStateUsPerPatch: number;
  /** µs per frame for NetSession.frame (input tick: predict, send) and sampling every remote. */
  frameUsPerFrame: number;
  sampleUsPerFrame: number;
  patchBytes: number;
}

export interface ClientCostResult {
  params: ClientCostParams & { tickHz: number; patchHz: number; repeats: number };
  baseline: ClientCostSide;
  arena: ClientCostSide;
}

interface FakeRoomParts {
  // The decoded state's type comes from reflection (baseline or arena), known only at run time.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  room: Room<any>;
  deliver(): void;
}

/** Just enough of a colyseus.js Room for NetSession: state, a state-change hook, sends that go nowhere. */
function fakeRoom(decoder: Decoder, sessionId: string): FakeRoomParts {
  let onState: ((s: unknown) => void) | null = null;
  const room = {
    sessionId,
    get state() {
      return decoder.state;
    },
    connection: { isOpen: true, send: () => undefined, transport: {} },
    onMessage: () => () => undefined,
    onStateChange: (cb: (s: unknown) => void) => {
      onState = cb;
    },
    send: () => undefined,
    sendBytes: () => undefined,
  };
  return { room: room as unknown as FakeRoomParts["room"], deliver: () => onState?.(decoder.state) };
}

/** A plain-number player read the same way, for the baseline side. */
interface BaselineBody {
  x: number;
  y: number;
  health: number;
}
const baselineClientType: ClientRoomType<BaselinePlayer, BaselineBody, ArenaInput> = {
  makeBody: () => ({ x: 0, y: 0, health: 0 }),
  readBody: (p, b) => Object.assign(b, { x: p.x, y: p.y, health: p.health }),
  copyBody: (f, t) => Object.assign(t, f),
  step: (b, i, dtSec) => stepMovement(b, i, dtSec, ARENA_MAP),
  remoteValues: (p) => [p.x, p.y, p.aim],
  angleIndices: [2],
};

/**
 * Scenario 4: what a client spends per rendered frame on netcode with `remotes` moving players:
 * decode each patch (20 Hz), reconcile the own player and feed the interpolators, then per frame
 * run the input tick (predict) and sample every remote. No network, no rendering: a server-side
 * encoder in the same process produces the patches. Node, one core.
 */
export function runClientCost(params: ClientCostParams, repeats: number): ClientCostResult {
  // Alternate the two sides and keep the median of each figure: the machine is shared and noisy.
  const runs: Record<"baseline" | "arena", ClientCostSide[]> = { baseline: [], arena: [] };
  for (let r = 0; r < repeats; r++) {
    runs.baseline.push(measure(params, "baseline"));
    runs.arena.push(measure(params, "arena"));
  }
  const median = (list: ClientCostSide[]): ClientCostSide => {
    const keys = Object.keys(list[0]!) as (keyof ClientCostSide)[];
    return Object.fromEntries(keys.map((k) => [k, percentile(list.map((s) => s[k]), 50)])) as unknown as ClientCostSide;
  };
  return { params: { ...params, tickHz: TICK_HZ, patchHz: PATCH_HZ, repeats }, baseline: median(runs.baseline), arena: median(runs.arena) };
}

function measure(params: ClientCostParams, side: "baseline" | "arena"): ClientCostSide {
  const isArena = side === "arena";
  const state: Schema & { tick: number; players: Map<string, ArenaPlayer | BaselinePlayer> } = isArena ? new ArenaState() as never : new BaselineState() as never;
  // What TickRoom announces at create (the plain baseline state has no such fields; see below).
  if (state instanceof ArenaState) Object.assign(state, { tickHz: TICK_HZ, patchHz: PATCH_HZ });
  const encoder = new Encoder(state);
  // What TickRoom does with the arena's posePacking before each patch.
  const poses = isArena ? new PoseBank(ARENA_POSES) : null;
  const movers: (ArenaPlayer | BaselinePlayer)[] = [];
  for (let i = 0; i <= params.remotes; i++) {
    const p = isArena ? new ArenaPlayer() : new BaselinePlayer();
    p.name = `P${i}`;
    Object.assign(p, moverStart(i, params.remotes + 1));
    state.players.set(i === 0 ? "me" : `npc-${i}`, p as never);
    movers.push(p);
  }
  poses?.sync(state);
  const me = movers[0]!;
  const view = new StateView();
  if (isArena) view.add(me, OWNER_VIEW_TAG);
  const fullShared = Buffer.from(encoder.encodeAll());
  const full = isArena ? encoder.encodeAllView(view, fullShared.length, { offset: fullShared.length }) : fullShared;
  encoder.discardChanges();
  const decoder: Decoder = Reflection.decode(Reflection.encode(encoder));
  decoder.decode(full);
  // The plain baseline room does not sync its rates: hand them to its decoded state directly.
  if (!isArena) Object.assign(decoder.state, { tickHz: TICK_HZ, patchHz: PATCH_HZ });
  const fake = fakeRoom(decoder, "me");
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const roomType = (isArena ? arenaGame : baselineClientType) as ClientRoomType<any, ArenaBody, ArenaInput, any>;
  let clockMs = 0;
  const session = new NetSession(fake.room, roomType, { now: () => clockMs });

  const frameMs = 1000 / params.fps;
  const tickMs = 1000 / TICK_HZ;
  const patchEveryTicks = TICK_HZ / PATCH_HZ;
  const intent: MoverIntent = { moveX: 0, moveY: 0, aim: 0 };
  const out = [0, 0, 0];
  const ids = [...state.players.keys()].filter((id) => id !== "me");
  let serverMs = 0;
  let tick = 0;
  let seqAcked = 0;
  const decodeUs: number[] = [];
  const onStateUs: number[] = [];
  const frameUs: number[] = [];
  const sampleUs: number[] = [];
  const patchBytes: number[] = [];
  const total = params.warmupFrames + params.frames;
  for (let f = 0; f < total; f++) {
    const counting = f >= params.warmupFrames;
    clockMs += frameMs;
    // Server side (not timed): run the ticks due, patch every third.
    while (serverMs + tickMs <= clockMs) {
      serverMs += tickMs;
      tick++;
      for (let i = 1; i < movers.length; i++) {
        const p = movers[i]!;
        moverIntent(i, tick, intent);
        stepMovement(p, intent, TICK_SEC, ARENA_MAP);
        p.aim = isArena ? encodeAngle8(intent.aim) : intent.aim;
      }
      me.ack = ++seqAcked;
      state.tick = tick;
      if (tick % patchEveryTicks !== 0) continue;
      poses?.sync(state);
      const it = { offset: 0 };
      const shared = encoder.encode(it);
      const bytes = isArena ? encoder.encodeView(view, it.offset, it) : Buffer.from(shared);
      encoder.discardChanges();
      const t0 = performance.now();
      decoder.decode(bytes);
      const t1 = performance.now();
      fake.deliver();
      const t2 = performance.now();
      if (counting) {
        decodeUs.push((t1 - t0) * 1000);
        onStateUs.push((t2 - t1) * 1000);
        patchBytes.push(bytes.length);
      }
    }
    const t0 = performance.now();
    session.frame(frameMs, () => ({ moveX: 0, moveY: 0, aim: 0, fire: false }));
    const t1 = performance.now();
    for (const id of ids) session.sampleRemote(id, out);
    const t2 = performance.now();
    if (counting) {
      frameUs.push((t1 - t0) * 1000);
      sampleUs.push((t2 - t1) * 1000);
    }
  }
  session.dispose();
  const patchesPerFrame = decodeUs.length / params.frames;
  const side_: ClientCostSide = {
    decodeUsPerPatch: mean(decodeUs),
    onStateUsPerPatch: mean(onStateUs),
    frameUsPerFrame: mean(frameUs),
    sampleUsPerFrame: mean(sampleUs),
    patchBytes: mean(patchBytes),
    usPerFrame: 0,
  };
  side_.usPerFrame = (side_.decodeUsPerPatch + side_.onStateUsPerPatch) * patchesPerFrame + side_.frameUsPerFrame + side_.sampleUsPerFrame;
  return side_;
}
