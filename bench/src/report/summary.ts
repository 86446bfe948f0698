import type { RecordingCostResult } from "../scenarios/recording.js";
import type { RecordingCapacityResult } from "../scenarios/capacity-recording.js";
import type { BandwidthResult } from "../scenarios/bandwidth.js";
import type { CapacityResult } from "../scenarios/capacity.js";
import type { PlainRoomComparison, PlainRoomWindow } from "../scenarios/capacity-baseline.js";
import type { ClusterResult } from "../scenarios/cluster.js";
import type { ClientCostResult } from "../scenarios/client-cost.js";
import type { DeflateResult } from "../scenarios/deflate.js";
import type { InputParseResult } from "../scenarios/input-parse.js";
import type { InterestResult } from "../scenarios/interest.js";
import { mean } from "../lib/stats.js";
import { fmt, pct, type Table } from "../lib/table.js";
import type { Traffic } from "../lib/observer.js";
import type { HitRegistrationResult } from "../scenarios/hit-registration.js";

/** Everything one `npm run bench` produced (the JSON written to bench-results/). */
export interface BenchResults {
  startedAt: string;
  quick: boolean;
  commit: string;
  machine: { node: string; cpus: number; cpuModel: string; loadAvgStart: number; loadAvgEnd: number };
  durationSec?: number;
  bandwidth?: BandwidthResult;
  interest?: InterestResult;
  capacity?: CapacityResult;
  inputParse?: InputParseResult;
  recording?: RecordingCostResult;
  recordingCapacity?: RecordingCapacityResult;
  client?: ClientCostResult;
  deflate?: DeflateResult;
  cluster?: ClusterResult;
  hits?: HitRegistrationResult[];
  targets?: TargetCheck[];
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

/** The issue's targets, checked against this run. */
/** docs/performance.md's capacity figure, µs of a core per player-tick, when a run has no capacity step. */
const RECORDING_REFERENCE_US_PER_PLAYER_TICK = 11;

export function targets(r: BenchResults): TargetCheck[] {
  const out: TargetCheck[] = [];
  if (r.bandwidth) {
    const { baseline, arena } = r.bandwidth.movers;
    const ratio = arena.payloadBytesPerSec / baseline.payloadBytesPerSec;
    out.push({ target: "bandwidth: arena bytes/s per client <= 40% of the plain-number baseline (60 movers)", measured: `${pct(ratio)} (${fmt(arena.payloadBytesPerSec, 0)} vs ${fmt(baseline.payloadBytesPerSec, 0)} B/s)`, met: ratio <= 0.4 });
    out.push({ target: "bandwidth: <= 6 bytes per moving entity per patch", measured: `${fmt(arena.bytesPerMovingEntityPerPatch, 2)} B`, met: arena.bytesPerMovingEntityPerPatch <= 6 });
  }
  if (r.interest) {
    out.push({ target: "interest: bytes/s per client at 400 entities <= 1.3x that at 100", measured: `${fmt(r.interest.growth, 2)}x (without interest: ${fmt(r.interest.growthEverything, 2)}x)`, met: r.interest.growth <= 1.3 });
  }
  if (r.capacity) {
    const c = r.capacity;
    out.push({
      target: "capacity: >= 1,000 players on one core (tick p99 < 8.3 ms, loop delay p99 < 8 ms, tick rate within 2%, no inputs dropped)",
      measured: `${c.maxPassingPlayers} players passed${c.params.pinned ? "" : " (unpinned)"}; highest step tried ${Math.max(0, ...c.steps.map((s) => s.players))}`,
      met: c.maxPassingPlayers >= 1000,
    });
  }
  if (r.recording) {
    // The capacity figure: µs of a core per player-tick at the largest passing step of this run,
    // or docs/performance.md's (1,024 players at 69% of a core at 60 Hz: ~11 µs) without one.
    const step = r.capacity?.steps.filter((s) => s.players === r.capacity?.maxPassingPlayers)[0];
    const capacityUs = step ? (step.cpuPct / 100) * 1e6 / step.tickHz / step.players : RECORDING_REFERENCE_US_PER_PLAYER_TICK;
    const share = r.recording.binary.usPerPlayerTick / capacityUs;
    out.push({
      target: "recording: <= 3% of the capacity figure's CPU per player-tick",
      measured: `${pct(share)} (${fmt(r.recording.binary.usPerPlayerTick, 2)} of ${fmt(capacityUs, 1)} µs${step ? "" : ", reference figure"}; inputs through the input codec, as a person's: ${r.recording.binaryPersonLike ? pct(r.recording.binaryPersonLike.usPerPlayerTick / capacityUs) : "not measured"}; format 1: ${pct(r.recording.jsonLines.usPerPlayerTick / capacityUs)})`,
      met: share <= 0.03,
    });
  }
  if (r.recordingCapacity) {
    const c = r.recordingCapacity;
    out.push({
      target: "recording: <= 3% more server CPU per player-tick in the capacity scenario (recording on vs off)",
      measured: Number.isNaN(c.costPct) ? `no figure at ${c.players} players (no undisturbed window on a side)` : `${c.costPct >= 0 ? "+" : ""}${fmt(c.costPct, 1)}% at ${c.players} players (${fmt(c.offUsPerPlayerTick, 2)} → ${fmt(c.onUsPerPlayerTick, 2)} µs; rounds ${c.roundCostPct.map((p) => `${p}%`).join(", ")})`,
      met: c.costPct <= 3, // NaN (no undisturbed window on a side): not met
    });
  }
  if (r.hits) {
    for (const h of r.hits.filter((x) => x.lagMs + 2 * x.jitterMs <= 300)) {
      out.push({ target: `hits: >= 95% of shots at a strafing target land at +${h.lagMs} ms round trip (jitter ${h.jitterMs})`, measured: `${h.hits}/${h.shots} (${pct(h.hitRatio)})`, met: h.hitRatio >= 0.95 });
    }
  }
  return out;
}

function trafficRows(label: string, b: Traffic, a: Traffic, withEntity = true): Table {
  const row = (name: string, bv: number, av: number, digits = 0) => [name, fmt(bv, digits), fmt(av, digits), pct(av / bv)];
  const rows: Table = [
    [label, "baseline (`number` fields)", "arena", "arena / baseline"],
    row("payload bytes/s per client", b.payloadBytesPerSec, a.payloadBytesPerSec),
    row("+ WebSocket frame headers, bytes/s", b.frameBytesPerSec, a.frameBytesPerSec),
    row("+ TCP/IPv4 headers (est.), bytes/s", b.ipBytesPerSec, a.ipBytesPerSec),
    row("read at the client's socket, bytes/s", b.socketBytesPerSec, a.socketBytesPerSec),
    row("bytes per patch", b.bytesPerPatch, a.bytesPerPatch),
  ];
  if (withEntity) {
    rows.push(row("moving entities per patch", b.movingEntitiesPerPatch, a.movingEntitiesPerPatch, 1));
    rows.push(row("bytes per moving entity per patch", b.bytesPerMovingEntityPerPatch, a.bytesPerMovingEntityPerPatch, 2));
  }
  rows.push(row("join snapshot, bytes", b.joinStateBytes, a.joinStateBytes));
  return rows;
}

/** The tables printed at the end of a run and written into docs/performance.md. */
export function summaryTables(r: BenchResults): { title: string; table: Table }[] {
  const out: { title: string; table: Table }[] = [];
  if (r.targets) out.push({ title: "Targets", table: [["target", "measured", "met"], ...r.targets.map((t) => [t.target, t.measured, t.met ? "yes" : "**no**"])] });
  if (r.bandwidth) {
    const b = r.bandwidth;
    const a = trafficRows(`${b.params.movers} movers, 1 observer`, b.movers.baseline, b.movers.arena);
    a.push(["server time per patch (sync + encode + send), ms", fmt(b.movers.serverPatchMs.baseline, 3), fmt(b.movers.serverPatchMs.arena, 3), pct(b.movers.serverPatchMs.arena / b.movers.serverPatchMs.baseline)]);
    out.push({ title: `1. Bandwidth: ${b.params.movers} moving entities, ${b.params.patchHz} Hz patches, ${b.params.durationSec} s`, table: a });
    const s = b.posesMap;
    out.push({
      title: "1a. Layout experiment (not the game's schema): every pose word in one `map<uint32>`, same movers",
      table: [
        ["", "arena (pose words in a SlotBank)", "poses map"],
        ["bytes per moving entity per patch", fmt(b.movers.arena.bytesPerMovingEntityPerPatch, 2), fmt(s.bytesPerMovingEntityPerPatch, 2)],
        ["payload bytes/s per client", fmt(b.movers.arena.payloadBytesPerSec, 0), fmt(s.payloadBytesPerSec, 0)],
      ],
    });
    out.push({ title: `1b. Bandwidth: ${b.params.players} players sending inputs at ${b.params.tickHz} Hz (per client, averaged)`, table: trafficRows(`${b.params.players} players`, b.players.baseline, b.players.arena) });
  }
  if (r.interest) {
    const i = r.interest;
    const on = i.rows.filter((x) => x.mode === "interest");
    const off = i.rows.filter((x) => x.mode === "everything");
    const table: Table = [["entities", "field, px", "visible per client", "B/s per client (interest)", "B/s per client (everything)", "interest / everything", "server ms per patch (interest / everything)", "of which interest update, ms"]];
    on.forEach((row, k) => {
      const all = off[k]!;
      table.push([
        row.entities, `${row.mapPx.widthPx} x ${row.mapPx.heightPx}`, fmt(row.visiblePlayers, 1), fmt(row.traffic.payloadBytesPerSec, 0),
        fmt(all.traffic.payloadBytesPerSec, 0), pct(row.traffic.payloadBytesPerSec / all.traffic.payloadBytesPerSec),
        `${fmt(row.patchMs, 3)} / ${fmt(all.patchMs, 3)}`, fmt(row.beforePatchMs, 3),
      ]);
    });
    out.push({ title: `2. Interest management: radius ${i.params.radiusPx} px, ${i.params.observers} observers, ${fmt(i.params.areaPerEntityPx2, 0)} px² per entity; 400 vs 100: ${fmt(i.growth, 2)}x (everything: ${fmt(i.growthEverything, 2)}x)`, table });
  }
  if (r.capacity) {
    const c = r.capacity;
    const table: Table = [["players", "rooms", "tick p50 / p99, ms", "tick rate, Hz", "loop delay p99, ms", "server CPU, % of a core", "RSS, MB", "RSS per player, KB", "inputs dropped", "input age p50 / p99, ms", "queue depth mean / p99", "down B/s per player", "load avg", "result"]];
    for (const s of c.steps) {
      table.push([
        s.players, s.rooms, `${fmt(s.tickMsP50, 3)} / ${fmt(s.tickMsP99, 3)}`, fmt(s.tickHz, 2), fmt(s.eventLoopDelayMsP99, 2), fmt(s.cpuPct, 0),
        fmt(s.rssMb, 0), fmt(s.memKbPerPlayer, 0), s.inputsDropped,
        s.inputAgeMsP50 === undefined ? "" : `${fmt(s.inputAgeMsP50, 1)} / ${fmt(s.inputAgeMsP99, 1)}`,
        s.inputQueueDepthMean === undefined ? "" : `${fmt(s.inputQueueDepthMean, 2)} / ${s.inputQueueDepthP99}`,
        fmt(s.bytesPerPlayerPerSec, 0), fmt(s.loadAvg, 1),
        s.pass ? "pass" : `fail: ${s.failures.join("; ")}`,
      ]);
    }
    out.push({ title: `3. Capacity: arena rooms of ${c.params.playersPerRoom}, ${c.params.tickHz} Hz ticks, ${c.params.patchHz} Hz patches, inputs at 60 Hz sent three per message, ${c.params.fireTicksPerSecond === 12 ? "1 shot/s" : `${c.params.fireTicksPerSecond} fire ticks/s`} per player; server ${c.params.pinned ? "pinned to core 0, bots on core 1" : "unpinned"}`, table });
    const f = c.inputFormat;
    const ip = r.inputParse;
    const t: Table = [["input format", `server CPU at ${f.players} players, % (windows)`, "parse per input, µs (in process)", "bytes per input message"]];
    t.push(["msgpack map (`input`), 60 messages/s", `${fmt(f.cpuPct.msgpack, 1)} (${f.windows.msgpack.join(", ")})`, ip ? fmt(ip.msgpackZodUs, 3) : "", ip ? ip.msgpackBytes : ""]);
    t.push(["packed record (`InputPacked`), 60 messages/s", `${fmt(f.cpuPct.packed, 1)} (${f.windows.packed.join(", ")})`, ip ? fmt(ip.packedUs, 3) : "", ip ? ip.packedBytes : ""]);
    t.push(["two packed records per message, 30 messages/s", `${fmt(f.cpuPct.packed2, 1)} (${f.windows.packed2.join(", ")})`, ip ? fmt(ip.packedUs, 3) : "", ip ? 2 + 2 * (ip.packedBytes - 2) : ""]);
    t.push(["three packed records per message, 20 messages/s (the browser client)", `${fmt(f.cpuPct.packed3, 1)} (${f.windows.packed3.join(", ")})`, ip ? fmt(ip.packedUs, 3) : "", ip ? 2 + 3 * (ip.packedBytes - 2) : ""]);
    out.push({ title: "3b. Input format (a fresh server, the same rooms, alternating windows)", table: t });
    if (c.plainRoom) out.push(plainRoomTable(c.plainRoom));
  }
  if (r.client) {
    const { baseline: b, arena: a, params } = r.client;
    out.push({
      title: `4. Client cost per frame, ${params.remotes} remote players, ${params.fps} fps (Node, median of ${params.repeats})`,
      table: [
        ["", "baseline (`number` fields)", "arena"],
        ["decode a patch, µs", fmt(b.decodeUsPerPatch, 1), fmt(a.decodeUsPerPatch, 1)],
        ["reconcile + feed interpolators, µs per patch", fmt(b.onStateUsPerPatch, 1), fmt(a.onStateUsPerPatch, 1)],
        ["input tick (pack, predict), µs per frame", fmt(b.frameUsPerFrame, 1), fmt(a.frameUsPerFrame, 1)],
        [`interpolate ${params.remotes} remotes, µs per frame`, fmt(b.sampleUsPerFrame, 1), fmt(a.sampleUsPerFrame, 1)],
        ["total, µs per frame", fmt(b.usPerFrame, 1), fmt(a.usPerFrame, 1)],
        ["patch size, bytes", fmt(b.patchBytes, 0), fmt(a.patchBytes, 0)],
      ],
    });
  }
  if (r.deflate) {
    const d = r.deflate;
    const table: Table = [["permessage-deflate", "join snapshot: payload -> wire, B", "per client: payload -> socket, B/s", "server CPU per client, %", "server RSS, MB", "ping RTT p50 / p99, ms"]];
    for (const row of d.rows) {
      table.push([row.deflate, `${fmt(row.joinPayloadBytes, 0)} -> ${fmt(row.joinWireBytes, 0)}`, `${fmt(row.payloadBytesPerSec, 0)} -> ${fmt(row.socketBytesPerSec, 0)}`,
        fmt(row.serverCpuPctPerClient, 2), fmt(row.serverRssMb, 0), `${fmt(row.rttMsP50, 2)} / ${fmt(row.rttMsP99, 2)}`]);
    }
    out.push({ title: `5. permessage-deflate: arena room, ${d.params.movers} movers, ${d.params.clients} clients, ${d.params.durationSec} s`, table });
  }
  if (r.cluster && !r.cluster.skipped) {
    const c = r.cluster;
    const table: Table = [["run", "process", "core", "players", "rooms", "tick p50 / p99, ms", "tick rate, Hz", "loop delay p99, ms", "server CPU, % of a core", "inputs dropped"]];
    for (const x of c.rows) {
      table.push([
        x.mode === "single" ? "one process" : "two processes + Redis", x.process, x.core ?? "-", x.players, x.rooms,
        `${fmt(x.tickMsP50, 3)} / ${fmt(x.tickMsP99, 3)}`, fmt(x.tickHz, 2), fmt(x.eventLoopDelayMsP99, 2), fmt(x.cpuPct, 0), x.inputsDropped,
      ]);
    }
    const b = c.bots;
    out.push({ title: `6. Load across processes: ${c.params.players} players, ${c.params.measureSec} s window, one process vs two sharing matchmaking through Redis (bots joining through both alternately); servers ${c.params.pinned ? "pinned to cores 0 / 1" : "unpinned"}, bots and redis-server unpinned; bots connected ${b.single.open} / ${b.cluster.open}, inputs sent ${pct(b.single.inputShare)} / ${pct(b.cluster.inputShare)} of those due`, table });
  }
  if (r.hits?.length) {
    const table: Table = [["added round trip / jitter", "rtt measured by the client", "interp delay", "hits", "hit ratio", "rewind p50, ms", "rewind p99, ms", "clamped"]];
    for (const h of r.hits) {
      table.push([`${h.lagMs} / ${h.jitterMs} ms`, fmt(h.rttMs, 0), fmt(h.interpDelayMs, 0), `${h.hits}/${h.shots}`, pct(h.hitRatio), fmt(h.rewindP50Ms, 0), fmt(h.rewindP99Ms, 0), String(h.clamped)]);
    }
    out.push({ title: "7. Hit registration: shots aimed at the drawn centre of a target strafing at full speed (headless client, simulated link)", table });
  }
  return out;
}

/** Table 3c: the arena against a plain Colyseus room carrying the same players. */
function plainRoomTable(p: PlainRoomComparison): { title: string; table: Table } {
  const avg = (ws: PlainRoomWindow[], f: (w: PlainRoomWindow) => number) => mean(ws.map(f));
  const row = (label: string, f: (w: PlainRoomWindow) => number, digits: number) => [
    label,
    `${fmt(avg(p.plain, f), digits)} (${p.plain.map((w) => fmt(f(w), digits)).join(", ")})`,
    `${fmt(avg(p.arena, f), digits)} (${p.arena.map((w) => fmt(f(w), digits)).join(", ")})`,
    avg(p.plain, f) > 0 ? `${fmt((100 * avg(p.arena, f)) / avg(p.plain, f), 0)}%` : "",
  ];
  return {
    title: `3c. Against a plain Colyseus room: ${p.players} players in rooms of 16, each side on a fresh server, alternating (mean, then each session)`,
    table: [
      ["", "plain room (`number` fields, msgpack input per tick)", "arena (the game, as the browser sends)", "arena / plain"],
      row("server CPU, % of a core", (w) => w.cpuPct, 1),
      row("server CPU per 100 players, % of a core", (w) => (100 * w.cpuPct) / p.players, 2),
      row("loop delay p99, ms", (w) => w.eventLoopDelayMsP99, 2),
      row("down, B/s per player", (w) => w.downBytesPerPlayerPerSec, 0),
      row("input messages/s per player", (w) => w.inputMessagesPerPlayerPerSec, 1),
    ],
  };
}
