import type { InputStatsMessage } from "@arena/shared";

/** How far the input tick is stretched or squeezed while the server's queue needs it: 2%, about 1.2 ticks per second. */
export const SEND_PACE_STEP = 0.02;

/**
 * Moves when the client samples and sends its inputs so that they reach the server just before
 * their tick, from the server's owner-only `input_stats` reports (about once a second). The server
 * applies one input per tick however early it arrives, so an input that waits there adds latency
 * for nothing, and one that arrives after its tick leaves the player standing still for a tick.
 *
 * - The queue never went below 2 in the whole window (`queueDepthMin` >= 2): inputs waited two
 *   ticks or more without need (after a stall the client kept its lead, or its clock runs fast):
 *   run the input tick 2% slow until a report says otherwise.
 * - A tenth of the window's ticks or more found the queue empty (`starvedTicks`): inputs arrive
 *   after their tick: run it 2% fast.
 * - Otherwise the normal rate.
 *
 * Only the timing moves: every input is still sampled, sent and predicted once, in seq order, so
 * this never causes a correction. `scale` multiplies the frame time fed to the input ticker.
 */
export class SendPacer {
  scale = 1;

  onReport(report: InputStatsMessage): void {
    if (report.windowTicks <= 0) return;
    if (report.queueDepthMin >= 2) this.scale = 1 - SEND_PACE_STEP;
    else if (report.starvedTicks * 10 >= report.windowTicks) this.scale = 1 + SEND_PACE_STEP;
    else this.scale = 1;
  }

  reset(): void {
    this.scale = 1;
  }
}
