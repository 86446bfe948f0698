import type { Room } from "@colyseus/core";
import { histogramPercentile, inputAgeMsPercentile, type PacingStats } from "@arena/server/framework";
import { percentile } from "../lib/stats.js";

/** Timings one room collected since the last reset, in ms. */
export interface RoomProbe {
  name: string;
  room: Room;
  tickMs: number[];
  patchMs: number[];
  beforePatchMs: number[];
  disposed: boolean;
  /** The room's inputsDropped counter at the last reset. */
  droppedAtReset: number;
}

/** Per room type, over every room of that type alive now. */
export interface RoomTypeStats {
  name: string;
  rooms: number;
  clients: number;
  players: number;
  ticks: number;
  tickMsP50: number;
  tickMsP99: number;
  tickMsMax: number;
  patches: number;
  /** broadcastPatch: sync hook + interest update + encoding + sending, per patch. */
  patchMsP50: number;
  patchMsP99: number;
  patchMsMean: number;
  /** onBeforePatch alone (field sync + interest update), per patch. */
  beforePatchMsMean: number;
  inputsDropped: number;
  /**
   * Age of an input when its tick applied it (arrival to application plus the ticks it waited in
   * its batch at the client; the one-way trip is not included), p50 and p99 over every input, ms.
   */
  inputAgeMsP50: number;
  inputAgeMsP99: number;
  /** Inputs still queued per player after each tick: mean and p99 over every player-tick. */
  inputQueueDepthMean: number;
  inputQueueDepthP99: number;
  /** The same timings for each room by roomId (means and p50). */
  perRoom: Record<string, { clients: number; patchMsMean: number; beforePatchMsMean: number; tickMsP50: number }>;
}

export const probes = new Set<RoomProbe>();

const avg = (v: number[]): number => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0);
const dropped = (p: RoomProbe): number => (p.room as unknown as { inputsDropped?: number }).inputsDropped ?? 0;
/** A TickRoom's input pacing figures (null for a plain room). */
const pacing = (p: RoomProbe): { pacingStats: PacingStats; resetPacingStats(): void } | null =>
  "pacingStats" in p.room ? (p.room as unknown as { pacingStats: PacingStats; resetPacingStats(): void }) : null;

/** Input age and queue depth over the rooms of one type (their histograms summed). */
function pacingFigures(list: RoomProbe[]): Pick<RoomTypeStats, "inputAgeMsP50" | "inputAgeMsP99" | "inputQueueDepthMean" | "inputQueueDepthP99"> {
  let ages: Uint32Array | null = null;
  let depths: Uint32Array | null = null;
  for (const p of list) {
    const stats = pacing(p)?.pacingStats;
    if (!stats) continue;
    ages ??= new Uint32Array(stats.ageHistogram.length);
    depths ??= new Uint32Array(stats.depthHistogram.length);
    stats.ageHistogram.forEach((n, i) => (ages![i]! += n));
    stats.depthHistogram.forEach((n, i) => {
      if (i < depths!.length) depths![i]! += n;
    });
  }
  if (!ages || !depths) return { inputAgeMsP50: 0, inputAgeMsP99: 0, inputQueueDepthMean: 0, inputQueueDepthP99: 0 };
  let playerTicks = 0;
  let depthSum = 0;
  depths.forEach((n, depth) => {
    playerTicks += n;
    depthSum += n * depth;
  });
  return {
    inputAgeMsP50: inputAgeMsPercentile(ages, 0.5),
    inputAgeMsP99: inputAgeMsPercentile(ages, 0.99),
    inputQueueDepthMean: playerTicks ? depthSum / playerTicks : 0,
    inputQueueDepthP99: histogramPercentile(depths, 0.99),
  };
}

/**
 * Instrument a live room: time every tick (TickRoom.tickStats), every patch and its
 * onBeforePatch hook, by wrapping them on the instance. Adds microseconds per call.
 */
export function instrument(room: Room, name: string): RoomProbe {
  const probe: RoomProbe = { name, room, tickMs: [], patchMs: [], beforePatchMs: [], disposed: false, droppedAtReset: 0 };
  const r = room as unknown as {
    tickStats?: { add(ms: number): void };
    broadcastPatch(): boolean;
    onBeforePatch?: (state: unknown) => void;
    onDispose?: () => unknown;
  };
  if (r.tickStats) {
    const add = r.tickStats.add.bind(r.tickStats);
    r.tickStats.add = (ms: number) => {
      add(ms);
      probe.tickMs.push(ms);
    };
  }
  const broadcastPatch = r.broadcastPatch.bind(room);
  r.broadcastPatch = () => {
    const t0 = performance.now();
    const changed = broadcastPatch();
    probe.patchMs.push(performance.now() - t0);
    return changed;
  };
  const before = r.onBeforePatch?.bind(room);
  if (before) {
    r.onBeforePatch = (state: unknown) => {
      const t0 = performance.now();
      before(state);
      probe.beforePatchMs.push(performance.now() - t0);
    };
  }
  const dispose = r.onDispose?.bind(room);
  r.onDispose = () => {
    probe.disposed = true;
    probes.delete(probe);
    return dispose?.();
  };
  probes.add(probe);
  return probe;
}

export function resetProbes(): void {
  for (const p of probes) {
    p.tickMs.length = 0;
    p.patchMs.length = 0;
    p.beforePatchMs.length = 0;
    p.droppedAtReset = dropped(p);
    pacing(p)?.resetPacingStats();
  }
}

/** Aggregate the probes by room type name. */
export function probeStats(): RoomTypeStats[] {
  const byName = new Map<string, RoomProbe[]>();
  for (const p of probes) {
    const list = byName.get(p.name) ?? [];
    list.push(p);
    byName.set(p.name, list);
  }
  return [...byName.entries()].map(([name, list]) => {
    const ticks = list.flatMap((p) => p.tickMs);
    const patches = list.flatMap((p) => p.patchMs);
    const before = list.flatMap((p) => p.beforePatchMs);
    const state = (p: RoomProbe) => p.room.state as { players?: { size: number } } | undefined;
    return {
      name,
      rooms: list.length,
      clients: list.reduce((n, p) => n + p.room.clients.length, 0),
      players: list.reduce((n, p) => n + (state(p)?.players?.size ?? 0), 0),
      ticks: ticks.length,
      tickMsP50: percentile(ticks, 50),
      tickMsP99: percentile(ticks, 99),
      tickMsMax: ticks.reduce((m, v) => Math.max(m, v), 0),
      patches: patches.length,
      patchMsP50: percentile(patches, 50),
      patchMsP99: percentile(patches, 99),
      patchMsMean: avg(patches),
      beforePatchMsMean: avg(before),
      inputsDropped: list.reduce((n, p) => n + dropped(p) - p.droppedAtReset, 0),
      ...pacingFigures(list),
      perRoom: Object.fromEntries(list.map((p) => [p.room.roomId, {
        clients: p.room.clients.length,
        patchMsMean: avg(p.patchMs),
        beforePatchMsMean: avg(p.beforePatchMs),
        tickMsP50: percentile(p.tickMs, 50),
      }])),
    };
  });
}
