import { pino } from "pino";

/** Process-wide structured logger; level from LOG_LEVEL (default "info"). */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { pid: process.pid },
});
export type Logger = typeof logger;
