/** Log budget of one client's refused messages. */
export interface RefusalLogOptions {
  /** Length of a summary window, in ms. */
  windowMs: number;
  /** Refusals logged in full (with their reason) per window; the rest are only counted. */
  linesPerWindow: number;
}

/** A window's refusals, for its one summary line. */
export interface RefusalSummary {
  /** Refusals in the window, all of them (logged in full or not). */
  total: number;
  /** Of those, not logged in full. */
  unlogged: number;
  /** Refusals by error code. */
  byCode: Record<string, number>;
  /** How long the window ran, in ms. */
  windowMs: number;
}

/**
 * One client's log budget for refused messages (dropped inputs, rate-limited or invalid messages),
 * so a flooding client cannot flood the logs: in each window the first `linesPerWindow` refusals
 * are logged in full, the rest only counted, and a window that counted some ends with one summary
 * line (`takeSummary`). At the defaults that is at most 4 lines per client per 10 s, whatever it
 * sends. Metrics count every refusal either way.
 */
export class RefusalLog {
  private windowStartMs: number;
  private total = 0;
  private logged = 0;
  private byCode: Record<string, number> = {};

  constructor(private readonly options: RefusalLogOptions, nowMs: number) {
    this.windowStartMs = nowMs;
  }

  /** Count one refusal; true when it may be logged in full. */
  note(code: string, nowMs: number): boolean {
    if (this.total === 0) this.windowStartMs = nowMs;
    this.total++;
    this.byCode[code] = (this.byCode[code] ?? 0) + 1;
    if (this.logged >= this.options.linesPerWindow) return false;
    this.logged++;
    return true;
  }

  /** Whether the window that counted something has run its length (then call takeSummary). */
  due(nowMs: number): boolean {
    return this.total > 0 && nowMs - this.windowStartMs >= this.options.windowMs;
  }

  /**
   * End the window: its summary when some refusals were not logged in full (null otherwise: the
   * lines already said it all). The next refusal starts the next window.
   */
  takeSummary(nowMs: number): RefusalSummary | null {
    const summary = this.total > this.logged
      ? { total: this.total, unlogged: this.total - this.logged, byCode: this.byCode, windowMs: Math.round(nowMs - this.windowStartMs) }
      : null;
    this.total = 0;
    this.logged = 0;
    this.byCode = {};
    this.windowStartMs = nowMs;
    return summary;
  }
}
