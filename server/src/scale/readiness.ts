import { matchMaker } from "@colyseus/core";
import { Gauge } from "prom-client";
import { metricsRegistry } from "../framework/index.js";
import { isDraining } from "./draining.js";
import { ObservedRedisPresence } from "./redis-connection.js";

export interface Readiness {
  ready: boolean;
  /** Why not, when not ready: "starting", "draining", "shutting down", "redis unavailable". */
  reason?: string;
}

/** Whether this process should be sent new players (what `/readyz` answers). */
export function readiness(): Readiness {
  if (isDraining()) return { ready: false, reason: "draining" };
  if (matchMaker.state === matchMaker.MatchMakerState.INITIALIZING) return { ready: false, reason: "starting" };
  if (matchMaker.state === matchMaker.MatchMakerState.SHUTTING_DOWN) return { ready: false, reason: "shutting down" };
  const presence = matchMaker.presence;
  if (presence instanceof ObservedRedisPresence && !presence.isConnected()) return { ready: false, reason: "redis unavailable" };
  return { ready: true };
}

new Gauge({
  name: "game_ready",
  help: "1 while this process takes new players (see /readyz), else 0",
  registers: [metricsRegistry],
  collect() {
    this.set(readiness().ready ? 1 : 0);
  },
});

new Gauge({
  name: "game_draining",
  help: "1 once this process is draining for shutdown",
  registers: [metricsRegistry],
  collect() {
    this.set(isDraining() ? 1 : 0);
  },
});
