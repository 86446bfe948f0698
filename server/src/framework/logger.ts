import { inspect } from "node:util";
import { pino } from "pino";

/** Process-wide structured logger; level from LOG_LEVEL (default "info"). */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { pid: process.pid },
});
export type Logger = typeof logger;

type Level = "trace" | "debug" | "info" | "warn" | "error";

/**
 * Colyseus's own log lines (matchmaker, rooms, transport) as pino records of `base` with
 * `component: "colyseus"`, instead of bare console lines: pass it as `new Server({ logger })`.
 * Colyseus logs like console (`logger.error("failed:", err)`); an Error among the arguments
 * becomes the record's `err`, the rest its message.
 */
export function colyseusLogger(base: Logger = logger): Record<Level, (...args: unknown[]) => void> {
  const log = base.child({ component: "colyseus" });
  const forward = (level: Level) => (...args: unknown[]): void => {
    const err = args.find((a): a is Error => a instanceof Error);
    const msg = args
      .filter((a) => a !== err)
      .map((a) => (typeof a === "string" ? a : inspect(a, { depth: 3, breakLength: Infinity })))
      .join(" ");
    if (err) log[level]({ err }, msg || err.message);
    else log[level](msg);
  };
  return { trace: forward("trace"), debug: forward("debug"), info: forward("info"), warn: forward("warn"), error: forward("error") };
}
