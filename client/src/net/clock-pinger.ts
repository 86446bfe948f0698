import type { PingMessage, PongMessage } from "@arena/shared";
import type { ClockSync } from "./clock-sync.js";

/**
 * Sends clock-sync pings and feeds each matching pong into a ClockSync: five quick samples
 * so the clock settles, then one a second. `send` returns false while the socket is down
 * (pings stop; `start()` again after a reconnect).
 */
export class ClockPinger {
  private nextId = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly inFlight = new Map<number, number>();

  constructor(
    private readonly clock: ClockSync,
    private readonly send: (ping: PingMessage) => boolean,
    private readonly now: () => number,
  ) {}

  /** (Re)start pinging now; forgets pings of a previous connection. */
  start(): void {
    this.inFlight.clear();
    this.schedule(0);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** A pong arrived: add its round trip to the clock (unknown or duplicate ids are ignored). */
  onPong(pong: PongMessage): void {
    const sentMs = this.inFlight.get(pong.id);
    if (sentMs === undefined) return;
    this.inFlight.delete(pong.id);
    this.clock.addSample({ sentMs, receivedMs: this.now(), serverTimeMs: pong.serverTimeMs });
  }

  private schedule(delayMs: number): void {
    this.stop();
    this.timer = setTimeout(() => {
      const id = ++this.nextId;
      const sentMs = this.now();
      this.inFlight.set(id, sentMs);
      if (this.inFlight.size > 10) this.inFlight.delete(this.inFlight.keys().next().value!);
      if (!this.send({ id, clientTimeMs: Math.round(sentMs * 1000) / 1000 })) return;
      this.schedule(this.clock.samples < 5 ? 100 : 1000);
    }, delayMs);
  }
}
