import { BenchServer } from "../lib/bench-server-child.js";
import { Observer, benchToken, traffic, type Traffic } from "../lib/observer.js";
import { mean, sleep } from "../lib/stats.js";
import type { RoomTypeStats } from "../server/probe.js";

export interface InterestParams {
  entityCounts: number[];
  /** Map area per entity, px² (the same local density at every count). */
  areaPerEntityPx2: number;
  /** Map aspect, width / height. */
  aspect: number;
  radiusPx: number;
  observers: number;
  durationSec: number;
  warmupSec: number;
}

export interface InterestRow {
  entities: number;
  mapPx: { widthPx: number; heightPx: number };
  mode: "interest" | "everything";
  /** Per observer, averaged. */
  traffic: Traffic;
  /** Players in an observer's decoded state (itself included), averaged. */
  visiblePlayers: number;
  /** Server, per patch: broadcastPatch (interest update + encoding + sending) and the onBeforePatch part. */
  patchMs: number;
  beforePatchMs: number;
  /** Server tick duration p50 (simulation of every entity), ms. */
  tickMsP50: number;
}

export interface InterestResult {
  params: InterestParams;
  rows: InterestRow[];
  /** bytes/s per client at the largest count / at the smallest, interest on. */
  growth: number;
  growthEverything: number;
}

/**
 * Scenario 2: an open field whose size grows with the entity count (same density), scripted
 * movers everywhere, `observers` clients standing near the middle. With interest management
 * (framework SpatialInterest, StateView) each receives what is within `radiusPx`; without, all.
 */
export async function runInterest(params: InterestParams, log: (line: string) => void): Promise<InterestResult> {
  const server = await BenchServer.start({ deflate: "off" });
  const rows: InterestRow[] = [];
  try {
    for (const entities of params.entityCounts) {
      const area = entities * params.areaPerEntityPx2;
      const heightPx = Math.round(Math.sqrt(area / params.aspect));
      const widthPx = Math.round(heightPx * params.aspect);
      log(`  ${entities} entities on ${widthPx}x${heightPx} px, ${params.observers} observers, radius ${params.radiusPx} px, ${params.durationSec} s; interest on and off side by side`);
      const groups = await Promise.all((["interest", "everything"] as const).map(async (mode) => {
        const observers: Observer[] = [];
        const options = { movers: entities, widthPx, heightPx, interestRadiusPx: mode === "interest" ? params.radiusPx : 0 };
        for (let i = 0; i < params.observers; i++) {
          // Observers stand on a small ring around the middle, so their view disk stays inside the field.
          const a = (i / params.observers) * 2 * Math.PI;
          const at = { x: widthPx / 2 + 80 * Math.cos(a), y: heightPx / 2 + 80 * Math.sin(a) };
          const o = new Observer(server.httpBase);
          const first = observers[0]?.client.roomId;
          if (first) await o.client.join("joinById", first, { at }, benchToken(`obs-${i}`));
          else await o.client.join("create", "bench-field", { ...options, at }, benchToken(`obs-${i}`));
          observers.push(o);
        }
        return { mode, observers };
      }));
      await sleep(params.warmupSec * 1000);
      for (const g of groups) for (const o of g.observers) o.startWindow();
      const visible: Record<string, number[]> = { interest: [], everything: [] };
      const sampler = setInterval(() => {
        for (const g of groups) for (const o of g.observers) visible[g.mode]!.push((o.client.state as { players?: { size: number } }).players?.size ?? 0);
      }, 250);
      await server.stats(true);
      const t0 = performance.now();
      await sleep(params.durationSec * 1000);
      clearInterval(sampler);
      const seconds = (performance.now() - t0) / 1000;
      const stats = await server.stats(true);
      for (const g of groups) {
        const each = g.observers.map((o) => traffic(o, seconds));
        const keys = Object.keys(each[0]!) as (keyof Traffic)[];
        const avg = Object.fromEntries(keys.map((k) => [k, mean(each.map((t) => t[k]))])) as unknown as Traffic;
        const roomId = g.observers[0]!.client.roomId;
        const room = stats.rooms.find((r: RoomTypeStats) => r.name === "bench-field")?.perRoom[roomId];
        rows.push({
          entities, mapPx: { widthPx, heightPx }, mode: g.mode, traffic: avg, visiblePlayers: mean(visible[g.mode]!),
          patchMs: room?.patchMsMean ?? 0,
          beforePatchMs: room?.beforePatchMsMean ?? 0,
          tickMsP50: room?.tickMsP50 ?? 0,
        });
        await Promise.all(g.observers.map((o) => o.client.leave()));
      }
      const on = rows.at(-2)!;
      const off = rows.at(-1)!;
      log(`    interest: ${on.traffic.payloadBytesPerSec.toFixed(0)} B/s per client, ${on.visiblePlayers.toFixed(1)} visible, patch ${on.patchMs.toFixed(3)} ms (interest update ${on.beforePatchMs.toFixed(3)} ms); ` +
        `everything: ${off.traffic.payloadBytesPerSec.toFixed(0)} B/s, patch ${off.patchMs.toFixed(3)} ms`);
      await sleep(500);
    }
    const on = rows.filter((r) => r.mode === "interest");
    const off = rows.filter((r) => r.mode === "everything");
    return {
      params,
      rows,
      growth: on.at(-1)!.traffic.payloadBytesPerSec / on[0]!.traffic.payloadBytesPerSec,
      growthEverything: off.at(-1)!.traffic.payloadBytesPerSec / off[0]!.traffic.payloadBytesPerSec,
    };
  } finally {
    await server.stop();
  }
}
