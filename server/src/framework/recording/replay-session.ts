import type { ReplayControlMessage, ReplaySpeed, ReplayStatusMessage } from "@arena/shared";
import type { Logger } from "../logger.js";
import type { ReplayOffer } from "./replay-rooms.js";
import type { Replayer } from "./replayer.js";
import { keyframeAtOrBefore } from "./replay.js";

/** Real ticks between two periodic `replay_status` messages (besides one on every change). */
const STATUS_EVERY_STEPS = 15;

/**
 * The clock of a replay room: each step of the room's loop (one real tick) simulates `speed`
 * recorded ticks (fractions carried over: 0.25x is one tick every fourth step), none while
 * paused or ended. Its time on the tick timeline (`timeMs`) is what `pong` answers, so a viewer's
 * clock sync follows the replay; viewers scale their render clock by the speed (replay_status).
 */
export class ReplaySession {
  speed: ReplaySpeed = 1;
  paused = false;
  /** A recording the room could not replay further (a bad line): the replay ends there. */
  failed = false;
  private carry = 0;
  private stepsSinceStatus = 0;

  constructor(
    readonly offer: ReplayOffer,
    readonly replayer: Replayer,
    private readonly tickMs: number,
    private readonly send: (status: ReplayStatusMessage) => void,
    private readonly log: Logger,
  ) {}

  get ended(): boolean {
    return this.replayer.done || this.failed;
  }

  /**
   * Fast-forward to `tick` (the room's start, before any viewer joins) from the last keyframe at
   * or before it (or from where the replay is, when that is later); returns ticks simulated.
   */
  seek(tick: number): number {
    const keyframe = keyframeAtOrBefore(this.offer.recording, tick);
    if (keyframe && keyframe.tick > this.replayer.tick) {
      try {
        this.replayer.jumpTo(keyframe.line);
      } catch (err) {
        this.failed = true;
        this.log.warn({ err, recording: this.offer.recordingId, tick: keyframe.tick }, "the recording's keyframe could not be restored; the replay ends here");
        return 0;
      }
    }
    const before = this.replayer.ticks;
    this.run(tick - this.replayer.tick);
    return this.replayer.ticks - before;
  }

  /** One loop step. */
  step(): void {
    if (!this.paused && !this.ended) {
      this.carry += this.speed;
      const ticks = Math.floor(this.carry);
      this.carry -= ticks;
      if (ticks > 0) this.run(ticks);
      if (this.ended) this.sendStatus();
    }
    if (++this.stepsSinceStatus >= STATUS_EVERY_STEPS) this.sendStatus();
  }

  control(control: ReplayControlMessage): void {
    this.speed = control.speed;
    this.paused = control.paused;
    this.sendStatus();
  }

  /** The replay's clock on the tick timeline, in ms, given the loop's time into the current step. */
  timeMs(loopPendingMs: number): number {
    const running = !this.paused && !this.ended;
    return (this.replayer.tick + (running ? this.carry + (loopPendingMs / this.tickMs) * this.speed : 0)) * this.tickMs;
  }

  status(): ReplayStatusMessage {
    const r = this.replayer;
    const header = this.offer.recording.header;
    return {
      recordingId: this.offer.recordingId,
      tick: r.tick,
      startTick: header.startTick,
      endTick: r.endTick,
      tickHz: Math.round(1000 / this.tickMs),
      speed: this.speed,
      paused: this.paused,
      ended: this.ended,
      checksums: r.checksums,
      ticksSimulated: r.ticks,
      keyframeTick: r.fromKeyframeTick,
      divergence: r.divergence,
    };
  }

  sendStatus(): void {
    this.stepsSinceStatus = 0;
    this.send(this.status());
  }

  private run(ticks: number): number {
    try {
      return this.replayer.advance(ticks);
    } catch (err) {
      this.failed = true;
      this.log.warn({ err, recording: this.offer.recordingId }, "the recording could not be replayed further; the replay ends here");
      return 0;
    }
  }
}
