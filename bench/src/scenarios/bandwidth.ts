import { PATCH_HZ, TICK_HZ } from "@arena/shared";
import { BenchServer } from "../lib/bench-server-child.js";
import { Observer, benchToken, traffic, type Traffic } from "../lib/observer.js";
import { sleep } from "../lib/stats.js";
import type { WireClient } from "../lib/wire-client.js";
import { moverIntent, type MoverIntent } from "../rooms/movers.js";
import type { RoomTypeStats } from "../server/probe.js";

export interface BandwidthParams {
  movers: number;
  durationSec: number;
  warmupSec: number;
  /** Players with real sockets sending inputs at the tick rate, in the second part. */
  players: number;
  playersDurationSec: number;
}

export interface BandwidthResult {
  params: BandwidthParams & { tickHz: number; patchHz: number };
  /** One observer, `movers` scripted movers: baseline room vs the arena room. */
  movers: { baseline: Traffic; arena: Traffic; serverPatchMs: { baseline: number; arena: number } };
  /** Layout experiment, same movers: every pose word in one map of uint32 (not the game's schema). */
  posesMap: Traffic;
  /** `players` real clients in one room, each moving: per-client traffic, averaged. */
  players: { baseline: Traffic; arena: Traffic };
}

/**
 * Scenario 1. Part A: `movers` entities moving every tick, one observing client, the arena's
 * state vs a plain `number` schema room, both rooms running at once. Part B: a full room of
 * real players sending inputs at 60 Hz (so each player's input ack changes every tick too).
 */
export async function runBandwidth(params: BandwidthParams, log: (line: string) => void): Promise<BandwidthResult> {
  const server = await BenchServer.start({ deflate: "off" });
  try {
    log(`  A: ${params.movers} movers, 1 observer each, ${params.durationSec} s (+${params.warmupSec} s warm-up), baseline, arena (and a poses-map layout experiment) side by side`);
    const baseline = new Observer(server.httpBase);
    const arena = new Observer(server.httpBase);
    const soa = new Observer(server.httpBase);
    await baseline.client.join("create", "bench-baseline", { movers: params.movers });
    await arena.client.join("create", "bench-arena", { movers: params.movers }, benchToken("observer"));
    await soa.client.join("create", "bench-soa", { movers: params.movers });
    await sleep(params.warmupSec * 1000);
    baseline.startWindow();
    arena.startWindow();
    soa.startWindow();
    await server.stats(true);
    const t0 = performance.now();
    await sleep(params.durationSec * 1000);
    const seconds = (performance.now() - t0) / 1000;
    const a = { baseline: traffic(baseline, seconds), arena: traffic(arena, seconds) };
    const posesMap = traffic(soa, seconds);
    const serverStats = await server.stats(true);
    const patchMs = (name: string) => serverStats.rooms.find((r: RoomTypeStats) => r.name === name)?.patchMsMean ?? 0;
    await baseline.client.leave();
    await arena.client.leave();
    await soa.client.leave();

    log(`  B: ${params.players} players per room sending inputs at ${TICK_HZ} Hz, ${params.playersDurationSec} s, baseline and arena side by side`);
    const b = await playersPart(server, params);
    return {
      params: { ...params, tickHz: TICK_HZ, patchHz: PATCH_HZ },
      movers: { ...a, serverPatchMs: { baseline: patchMs("bench-baseline"), arena: patchMs("bench-arena") } },
      posesMap,
      players: b,
    };
  } finally {
    await server.stop();
  }
}

async function playersPart(server: BenchServer, params: BandwidthParams): Promise<{ baseline: Traffic; arena: Traffic }> {
  const join = async (room: "bench-baseline" | "arena", roomId: string | null, i: number): Promise<Observer> => {
    const o = new Observer(server.httpBase);
    const token = room === "arena" ? benchToken(`player-${i}`) : undefined;
    if (roomId) await o.client.join("joinById", roomId, { play: true }, token);
    else await o.client.join("create", room, { play: true }, token);
    return o;
  };
  const groups: Record<"baseline" | "arena", Observer[]> = { baseline: [], arena: [] };
  for (const [key, room] of [["baseline", "bench-baseline"], ["arena", "arena"]] as const) {
    const first = await join(room, null, 0);
    groups[key].push(first);
    for (let i = 1; i < params.players; i++) groups[key].push(await join(room, first.client.roomId, i));
  }
  const all = [...groups.baseline, ...groups.arena];
  // Every client sends its scripted input once per tick, on one accumulator clock.
  const intent: MoverIntent = { moveX: 0, moveY: 0, aim: 0 };
  let tick = 0;
  let nextMs = performance.now();
  const seqs = new Map<WireClient, number>();
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - nextMs > 100) nextMs = now;
    while (nextMs <= now) {
      tick++;
      all.forEach((o, i) => {
        moverIntent(i % params.players, tick, intent);
        const seq = (seqs.get(o.client) ?? 0) + 1;
        seqs.set(o.client, seq);
        o.client.sendInput({ seq, moveX: intent.moveX, moveY: intent.moveY, aim: intent.aim, fire: false });
      });
      nextMs += 1000 / TICK_HZ;
    }
  }, 4);
  try {
    await sleep(params.warmupSec * 1000);
    for (const o of all) o.startWindow();
    const t0 = performance.now();
    await sleep(params.playersDurationSec * 1000);
    const seconds = (performance.now() - t0) / 1000;
    const average = (list: Observer[]): Traffic => {
      const each = list.map((o) => traffic(o, seconds));
      const keys = Object.keys(each[0]!) as (keyof Traffic)[];
      return Object.fromEntries(keys.map((k) => [k, each.reduce((s, t) => s + t[k], 0) / each.length])) as unknown as Traffic;
    };
    return { baseline: average(groups.baseline), arena: average(groups.arena) };
  } finally {
    clearInterval(timer);
    await Promise.all(all.map((o) => o.client.leave()));
  }
}
