import { inspect } from "node:util";
import { pino } from "pino";

/** Process-wide structured logger; level from LOG_LEVEL (default "info"). */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { pid: process.pid },
});
export type Logger = typeof logger;

type Level = "trace" | "debug" | "info" | "warn" | "error";

/** Longest message of a Colyseus log line, in characters. */
const MAX_MESSAGE_CHARS = 300;
/** A stack frame line of an `Error.stack` text. */
const STACK_FRAME = /\n\s+at /;

/**
 * Colyseus's own log lines (matchmaker, rooms, transport) as pino records of `base` with
 * `component: "colyseus"`, instead of bare console lines: pass it as `new Server({ logger })`.
 * Colyseus logs like console (`logger.error("failed:", err)`); an Error among the arguments
 * becomes the record's `err`, the rest its message.
 *
 * Colyseus also logs errors as text with their stack (`e.stack`), among them every refused
 * WebSocket connection (a bad room id, an expired seat: "seat reservation expired.") and every
 * malformed frame, which any client can cause as often as it likes. Such text is cut to its first
 * line (at most 300 characters), so each is one short line; the whole text, stack included, goes
 * to a separate `debug` record (LOG_LEVEL=debug shows it).
 */
export function colyseusLogger(base: Logger = logger): Record<Level, (...args: unknown[]) => void> {
  const log = base.child({ component: "colyseus" });
  const forward = (level: Level) => (...args: unknown[]): void => {
    const err = args.find((a): a is Error => a instanceof Error);
    const text = args
      .filter((a) => a !== err)
      .map((a) => (typeof a === "string" ? a : inspect(a, { depth: 3, breakLength: Infinity })))
      .join(" ");
    if (err) {
      log[level]({ err }, text || err.message);
      return;
    }
    if (!STACK_FRAME.test(text)) {
      log[level](text);
      return;
    }
    log[level](firstLine(text));
    if (level !== "trace" && level !== "debug") log.debug({ stack: text }, "stack of the previous colyseus line");
  };
  return { trace: forward("trace"), debug: forward("debug"), info: forward("info"), warn: forward("warn"), error: forward("error") };
}

function firstLine(text: string): string {
  const line = text.slice(0, text.indexOf("\n")).trim();
  return line.length > MAX_MESSAGE_CHARS ? `${line.slice(0, MAX_MESSAGE_CHARS)}…` : line;
}
