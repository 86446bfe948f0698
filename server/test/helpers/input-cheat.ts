import type { Room } from "colyseus.js";
import { ClientMessage, ServerMessage, TICK_HZ, TICK_MS, TICK_SEC, type ErrorMessage } from "@arena/shared";
import { arenaInputCodec } from "@arena/shared/games/arena";
import { TAG_MAP, stepTagMovement, type TagBody } from "@arena/shared/games/tag";
import { collect } from "./test-server.js";

/**
 * Raw clients that send inputs faster than the tick (the speed hack of issue 15), watched from
 * outside: what their own state says about where they are, and how they are closed.
 */
export type Format = "packed" | "msgpack";

/** One position the client saw, with the server tick it belongs to and when it arrived here. */
export interface Sample {
  tick: number;
  atMs: number;
  x: number;
  y: number;
  dashCooldown: number;
}

export interface Run {
  samples: Sample[];
  errors: ErrorMessage[];
  closeCode: number;
  /** From the first input sent to the close, in ms (Infinity: still open at the end). */
  closedAfterMs: number;
  sent: number;
}

/**
 * Send `inputsPerSec` inputs (packed: four records a message; msgpack: one a message) from a
 * 2 ms timer on a monotonic accumulator, for at most `forMs` or until the server closes the
 * connection; sample the own player on every patch.
 */
export async function cheat<S extends { tick: number }>(
  room: Room<S>, format: Format, inputsPerSec: number, forMs: number, fields: Record<string, number | boolean>, read: (state: S) => Omit<Sample, "tick" | "atMs"> | null,
): Promise<Run> {
  const run: Run = { samples: [], errors: collect<ErrorMessage>(room, ServerMessage.Error), closeCode: 0, closedAfterMs: Infinity, sent: 0 };
  room.onMessage("*", () => undefined);
  room.onStateChange((state) => {
    const body = read(state);
    if (body) run.samples.push({ tick: state.tick, atMs: performance.now(), ...body });
  });
  const size = arenaInputCodec.byteLength;
  const batch = new Uint8Array(4 * size);
  let batched = 0;
  const startMs = performance.now();
  room.onLeave((code) => {
    run.closeCode = code;
    run.closedAfterMs = performance.now() - startMs;
  });
  let nextMs = startMs;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      if (run.closeCode !== 0 || now - startMs > forMs) {
        clearInterval(timer);
        resolve();
        return;
      }
      while (nextMs <= now) {
        nextMs += 1000 / inputsPerSec;
        const input = { seq: ++run.sent, ...fields };
        if (format === "msgpack") {
          room.send(ClientMessage.Input, input);
          continue;
        }
        arenaInputCodec.encode(input as never, batch.subarray(batched * size, (batched + 1) * size));
        if (++batched === 4) {
          room.sendBytes(ClientMessage.InputPacked, batch.slice());
          batched = 0;
        }
      }
    }, 2);
  });
  return run;
}

/**
 * Distance covered between the first and the last sample over the time between them: the larger
 * of the server ticks between them and the wall time between their arrivals (a tick the loop
 * dropped is time too, and a late patch makes the wall time short).
 */
export function measure(samples: readonly Sample[]): { distancePx: number; seconds: number } {
  const first = samples[0]!;
  const last = samples.at(-1)!;
  const seconds = Math.max((last.tick - first.tick) / TICK_HZ, (last.atMs - first.atMs) / 1000);
  return { distancePx: Math.hypot(last.x - first.x, last.y - first.y), seconds };
}

/** How far an honest tag client holding (moveX, moveY) and dash gets after `inputs` inputs from `from`. */
export function honestTagPath(from: TagBody, inputs: number, moveX = 1, moveY = 0): number {
  const body = { ...from };
  for (let i = 0; i < inputs; i++) stepTagMovement(body, { moveX, moveY, dash: true }, TICK_SEC, TAG_MAP);
  return Math.hypot(body.x - from.x, body.y - from.y);
}

/**
 * Ticks between consecutive dashes, each the longest it can be given the samples: a dash sets the
 * cooldown to its full length, so it happened after the sample before the one where the cooldown
 * went up and at or before that one. Counted in server ticks or, when longer, in the wall time
 * between those samples' arrivals (ticks a busy server's loop dropped are time too: it hands
 * them back to every player as catch-up credit).
 */
export function dashGaps(samples: readonly Sample[]): number[] {
  const dashes: { after: Sample; by: Sample }[] = [];
  for (let i = 1; i < samples.length; i++) {
    if (samples[i]!.dashCooldown > samples[i - 1]!.dashCooldown) dashes.push({ after: samples[i - 1]!, by: samples[i]! });
  }
  return dashes.slice(1).map((d, k) => {
    const previous = dashes[k]!.after;
    return Math.max(d.by.tick - (previous.tick + 1), Math.floor((d.by.atMs - previous.atMs) / TICK_MS) - 1);
  });
}
