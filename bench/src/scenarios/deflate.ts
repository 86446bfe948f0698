import { BenchServer } from "../lib/bench-server-child.js";
import { benchToken } from "../lib/observer.js";
import { mean, percentile, sleep } from "../lib/stats.js";
import { WireClient } from "../lib/wire-client.js";
import type { BenchServerConfig } from "../server/bench-server.js";

export interface DeflateParams {
  movers: number;
  clients: number;
  durationSec: number;
  warmupSec: number;
  /** Each client pings this often, for the round-trip time. */
  pingEveryMs: number;
}

export interface DeflateRow {
  deflate: BenchServerConfig["deflate"];
  /** Full state on join: payload, and what came off the socket for it. */
  joinPayloadBytes: number;
  joinWireBytes: number;
  /** Per client per second: WebSocket payload (after inflating) and socket bytes (as sent). */
  payloadBytesPerSec: number;
  socketBytesPerSec: number;
  /** Server CPU per client, % of one core, and server RSS growth per client. */
  serverCpuPctPerClient: number;
  serverRssMb: number;
  rttMsP50: number;
  rttMsP99: number;
}

export interface DeflateResult {
  params: DeflateParams;
  rows: DeflateRow[];
}

/**
 * Scenario 5: permessage-deflate off (the project's setting), on with ws defaults (context
 * takeover: every message compressed), and "join-only" (no context takeover, 1 KB threshold: the
 * join snapshot is compressed, patches are not). Same arena room (scripted movers), `clients`
 * observers, ping round trips measured.
 */
export async function runDeflate(params: DeflateParams, log: (line: string) => void): Promise<DeflateResult> {
  const rows: DeflateRow[] = [];
  for (const deflate of ["off", "on", "join-only"] as const) {
    const server = await BenchServer.start({ deflate });
    try {
      const clients: WireClient[] = [];
      for (let i = 0; i < params.clients; i++) {
        const c = new WireClient({ httpBase: server.httpBase, decode: false, offerDeflate: true });
        if (i === 0) await c.join("create", "bench-arena", { movers: params.movers }, benchToken(`d-${i}`));
        else await c.join("joinById", clients[0]!.roomId, {}, benchToken(`d-${i}`));
        clients.push(c);
      }
      const joinPayloadBytes = mean(clients.map((c) => c.joinStateBytes));
      const joinWireBytes = mean(clients.map((c) => c.joinStateWireBytes));
      let pingId = 0;
      const pinger = setInterval(() => clients.forEach((c) => c.sendPing(++pingId)), params.pingEveryMs);
      await sleep(params.warmupSec * 1000);
      for (const c of clients) {
        c.received.reset();
        c.rttsMs.length = 0;
      }
      const socketStart = clients.map((c) => c.socketBytesRead);
      await server.stats(true);
      const t0 = performance.now();
      await sleep(params.durationSec * 1000);
      const seconds = (performance.now() - t0) / 1000;
      const s = await server.stats(true);
      clearInterval(pinger);
      const rtts = clients.flatMap((c) => c.rttsMs);
      const row: DeflateRow = {
        deflate,
        joinPayloadBytes,
        joinWireBytes,
        payloadBytesPerSec: mean(clients.map((c) => c.received.payloadBytes / seconds)),
        socketBytesPerSec: mean(clients.map((c, i) => (c.socketBytesRead - socketStart[i]!) / seconds)),
        serverCpuPctPerClient: (100 * (s.cpuUserMs + s.cpuSystemMs)) / s.wallMs / params.clients,
        serverRssMb: s.rssMb,
        rttMsP50: percentile(rtts, 50),
        rttMsP99: percentile(rtts, 99),
      };
      rows.push(row);
      log(`  deflate ${deflate.padEnd(7)}: join ${row.joinPayloadBytes.toFixed(0)} B -> ${row.joinWireBytes.toFixed(0)} B on the wire; ` +
        `${row.payloadBytesPerSec.toFixed(0)} B/s payload -> ${row.socketBytesPerSec.toFixed(0)} B/s on the socket; ` +
        `server ${row.serverCpuPctPerClient.toFixed(2)}% CPU per client, RSS ${row.serverRssMb.toFixed(0)} MB; RTT p50/p99 ${row.rttMsP50.toFixed(2)}/${row.rttMsP99.toFixed(2)} ms`);
      await Promise.all(clients.map((c) => c.leave()));
    } finally {
      await server.stop();
    }
  }
  return { params, rows };
}
