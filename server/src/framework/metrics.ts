import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * Prometheus metrics of the netcode, in one registry. The framework only increments them;
 * the HTTP layer decides whether and where to expose `metricsRegistry`.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, eventLoopMonitoringPrecision: 10 });

export const metrics = {
  players: new Gauge({ name: "game_players", help: "Players seated in rooms of this process", registers: [metricsRegistry] }),
  spectators: new Gauge({ name: "game_spectators", help: "Spectators watching rooms of this process", registers: [metricsRegistry] }),
  rooms: new Gauge({ name: "game_rooms", help: "Rooms running in this process", registers: [metricsRegistry] }),
  tickDuration: new Histogram({
    name: "game_tick_duration_seconds",
    help: "Wall time of one room tick",
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.033],
    registers: [metricsRegistry],
  }),
  inputsDropped: new Counter({ name: "game_inputs_dropped_total", help: "Inputs refused (stale, too far ahead, queue full)", registers: [metricsRegistry] }),
  validationFailures: new Counter({ name: "game_validation_failures_total", help: "Messages refused by validation, type or rate checks", labelNames: ["code"] as const, registers: [metricsRegistry] }),
  kicks: new Counter({
    name: "game_kicks_total",
    help: "Connections the server closed: abuse (refused messages), input_rate (inputs faster than the tick), undecodable, idle",
    labelNames: ["reason"] as const,
    registers: [metricsRegistry],
  }),
  inputExcessWindows: new Counter({ name: "game_input_excess_windows_total", help: "Windows in which a client sent inputs faster than the tick (each a strike)", registers: [metricsRegistry] }),
  refusalsUnlogged: new Counter({ name: "game_refusals_unlogged_total", help: "Refused messages counted in a per-client summary line instead of a line each", registers: [metricsRegistry] }),
  reconnections: new Counter({ name: "game_reconnections_total", help: "Dropped players who came back within the grace period", registers: [metricsRegistry] }),
  joinRefusals: new Counter({ name: "game_join_refusals_total", help: "Matchmaking calls and reconnects refused by the matchmaking gate (token or quota), by join error code", labelNames: ["code"] as const, registers: [metricsRegistry] }),
  roomFailures: new Counter({ name: "game_room_failures_total", help: "Rooms closed because their tick threw", registers: [metricsRegistry] }),
};
