import type http from "node:http";
import type net from "node:net";
import { Counter } from "prom-client";
import { logger, metricsRegistry } from "../framework/index.js";

export interface ConnectionCapOptions {
  /** Open connections one remote address may hold; 0: no cap. */
  maxPerAddress: number;
  /** Addresses never capped (trusted proxies, whose address every player behind them shares). */
  isExempt?: (address: string) => boolean;
  /** Refusals are logged as one summary line per this window, at most. */
  logWindowMs?: number;
}

const refusedTotal = new Counter({
  name: "game_http_connections_refused_total",
  help: "TCP connections closed on accept because their address already held HTTP_MAX_CONNECTIONS_PER_IP",
  registers: [metricsRegistry],
});

/** Addresses named in one summary line (the rest are only counted). */
const SUMMARY_TOP = 5;
/** Addresses tracked per log window; beyond it refusals are counted but not attributed. */
const SUMMARY_MAX_ADDRESSES = 1_000;

/**
 * Caps the TCP connections (HTTP and WebSocket alike: a WebSocket is an upgraded HTTP
 * connection) each remote address holds open on `server`. A connection over the cap is destroyed
 * as it is accepted, before Node reads or parses anything from it, so one address cannot use up
 * the process's file descriptors and lock everyone else out. Refusals are counted
 * (`game_http_connections_refused_total`) and logged as one warning line per `logWindowMs` with
 * the worst addresses, however many there were.
 */
export function capConnectionsPerAddress(server: http.Server, options: ConnectionCapOptions): void {
  if (options.maxPerAddress <= 0) return;
  const open = new Map<string, number>();
  const summary = new RefusalSummary(options.logWindowMs ?? 10_000);
  server.on("connection", (socket: net.Socket) => {
    const address = socket.remoteAddress;
    if (address === undefined) {
      socket.destroy(); // already gone
      return;
    }
    if (options.isExempt?.(address)) return;
    const count = open.get(address) ?? 0;
    if (count >= options.maxPerAddress) {
      socket.destroy();
      refusedTotal.inc();
      summary.add(address);
      return;
    }
    open.set(address, count + 1);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
  server.once("close", () => summary.stop());
}

/** Refusals of one window, logged once at its end. */
class RefusalSummary {
  private readonly byAddress = new Map<string, number>();
  private total = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly windowMs: number) {}

  add(address: string): void {
    this.total++;
    const known = this.byAddress.get(address);
    if (known !== undefined) this.byAddress.set(address, known + 1);
    else if (this.byAddress.size < SUMMARY_MAX_ADDRESSES) this.byAddress.set(address, 1);
    this.timer ??= setTimeout(() => this.flush(), this.windowMs).unref();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.flush();
  }

  private flush(): void {
    this.timer = undefined;
    if (this.total === 0) return;
    const top = [...this.byAddress].sort((a, b) => b[1] - a[1]).slice(0, SUMMARY_TOP).map(([address, refused]) => ({ address, refused }));
    logger.warn(
      { refused: this.total, addresses: this.byAddress.size, top, windowSec: this.windowMs / 1000 },
      `${this.total} connections refused in the last ${this.windowMs / 1000} s: over the per-address cap (HTTP_MAX_CONNECTIONS_PER_IP)`,
    );
    this.byAddress.clear();
    this.total = 0;
  }
}
