import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import {
  ClientMessage, CloseCode, ErrorCode, PLAYER_SPEED_PX_PER_SEC, ServerMessage, TAG_DASH_COOLDOWN_TICKS, TAG_MAP, TICK_HZ, TICK_MS, TICK_SEC,
  arenaInputCodec, decodedPoseWord, poseX, poseY, stepTagMovement, type ArenaState, type ErrorMessage, type TagBody, type TagState,
} from "@arena/shared";
import { DEFAULT_TICK_ROOM_CONFIG } from "../../src/framework/index.js";
import { collect, sleep, startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

/**
 * Raw clients that send inputs faster than the tick (the speed hack of issue 15), watched from
 * outside: what their own state says about where they are, and how they are closed. Each cheater
 * gets a room of its own (`create`), so it spawns at the first spawn point with a free lane to
 * its right, and holds "right" (and, in tag, "dash") on every input.
 */

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => {
  await ts?.close();
});

type Format = "packed" | "msgpack";

/** One position the client saw, with the server tick it belongs to and when it arrived here. */
interface Sample {
  tick: number;
  atMs: number;
  x: number;
  y: number;
  dashCooldown: number;
}

interface Run {
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
async function cheat<S extends { tick: number }>(
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
function measure(samples: readonly Sample[]): { distancePx: number; seconds: number } {
  const first = samples[0]!;
  const last = samples.at(-1)!;
  const seconds = Math.max((last.tick - first.tick) / TICK_HZ, (last.atMs - first.atMs) / 1000);
  return { distancePx: Math.hypot(last.x - first.x, last.y - first.y), seconds };
}

/** The credit a player starts with (it joins idle): that many inputs may be applied at once, one time. */
const START_CREDIT = DEFAULT_TICK_ROOM_CONFIG.inputCreditCap;
/** Kicked within this long of the first input (3 windows of a second at the defaults, plus margin for a busy machine). */
const KICK_WITHIN_MS = 6000;

describe("arena: a client sending faster than the tick moves at 240 px/s and is closed (4401)", () => {
  const cases: [Format, number][] = [["packed", 120], ["packed", 340], ["msgpack", 89], ["msgpack", 120], ["msgpack", 340]];
  for (const [format, rate] of cases) {
    it(`${format} at ${rate} inputs/s`, async () => {
      const room = await ts.client(`speeder-${format}-${rate}`).create<ArenaState>("arena");
      await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own player");
      const run = await cheat(room, format, rate, KICK_WITHIN_MS + 2000, { moveX: 1, moveY: 0, aim: 0, fire: false }, (state) => {
        const me = state.players.get(room.sessionId);
        if (!me) return null;
        const pose = decodedPoseWord(state, me);
        return { x: poseX(pose, me.fine), y: poseY(pose, me.fine), dashCooldown: 0 };
      });
      const { distancePx, seconds } = measure(run.samples);
      const codes = [...new Set(run.errors.map((e) => e.code))];
      console.log(`arena ${format} ${rate}/s: sent ${run.sent}, ${distancePx.toFixed(0)} px in ${seconds.toFixed(2)} s ` +
        `(${(distancePx / seconds).toFixed(0)} px/s), closed ${run.closeCode} after ${run.closedAfterMs.toFixed(0)} ms; errors ${codes.join(", ")}`);
      expect(run.closeCode).toBe(CloseCode.Abuse);
      expect(run.closedAfterMs).toBeLessThan(KICK_WITHIN_MS);
      expect(run.errors.length).toBeGreaterThan(0);
      // Never faster than one input per tick: 240 px/s (5 % for sampling), plus its starting credit once.
      expect(distancePx).toBeLessThanOrEqual(PLAYER_SPEED_PX_PER_SEC * 1.05 * seconds + START_CREDIT * PLAYER_SPEED_PX_PER_SEC * TICK_SEC);
      // And it did move (the lane is free): the bound above is not met by standing still.
      if (seconds > 1) expect(distancePx).toBeGreaterThan(PLAYER_SPEED_PX_PER_SEC * 0.7 * (seconds - 0.5));
    });
  }
});

/** Where an honest tag client holding right and dash is after `inputs` inputs from `from`. */
function honestTagPath(from: TagBody, inputs: number): number {
  const body = { ...from };
  for (let i = 0; i < inputs; i++) stepTagMovement(body, { moveX: 1, moveY: 0, dash: true }, TICK_SEC, TAG_MAP);
  return Math.hypot(body.x - from.x, body.y - from.y);
}

describe("tag: a client sending faster than the tick runs at the honest speed, dashes no more often, and is closed (4401)", () => {
  for (const rate of [89, 120]) {
    it(`msgpack at ${rate} inputs/s`, async () => {
      const room = await ts.client(`runner-${rate}`).create<TagState>("tag");
      const me = await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own runner");
      const start: TagBody = { x: me.x, y: me.y, vx: me.vx, vy: me.vy, dashCooldown: me.dashCooldown, it: me.it };
      const run = await cheat(room, "msgpack", rate, KICK_WITHIN_MS + 2000, { moveX: 1, moveY: 0, dash: true }, (state) => {
        const p = state.players.get(room.sessionId);
        return p ? { x: p.x, y: p.y, dashCooldown: p.dashCooldown } : null;
      });
      const { distancePx, seconds } = measure(run.samples);
      const honestPx = honestTagPath(start, Math.ceil(seconds * TICK_HZ * 1.05) + START_CREDIT);
      console.log(`tag ${rate}/s: ${distancePx.toFixed(0)} px in ${seconds.toFixed(2)} s (honest at most ${honestPx.toFixed(0)} px); ` +
        `dash gaps ${JSON.stringify(dashGaps(run.samples))} ticks; closed ${run.closeCode} after ${run.closedAfterMs.toFixed(0)} ms`);
      expect(run.closeCode).toBe(CloseCode.Abuse);
      expect(run.closedAfterMs).toBeLessThan(KICK_WITHIN_MS);
      // At most where an honest client (one input per tick, from where this one started) gets in
      // as many ticks (5 % for sampling) plus the starting credit.
      expect(distancePx).toBeLessThanOrEqual(honestPx);
    });
  }

  it("dashes no more often than its cooldown in ticks allows (kick off: 6 s at 89 inputs/s)", async () => {
    const noKick = await startTestServer({ roomConfig: { inputExcess: { ...DEFAULT_TICK_ROOM_CONFIG.inputExcess, strikes: 0 } } });
    try {
      const client = noKick.client("dasher");
      const room = await client.create<TagState>("tag");
      const me = await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own runner");
      const start: TagBody = { x: me.x, y: me.y, vx: me.vx, vy: me.vy, dashCooldown: me.dashCooldown, it: me.it };
      // Down the left edge (x = 80: clear of every pillar); at the bottom wall a dash still fires and restarts the cooldown.
      const run = await cheat(room, "msgpack", 89, 6000, { moveX: 0, moveY: 1, dash: true }, (state) => {
        const p = state.players.get(room.sessionId);
        return p ? { x: p.x, y: p.y, dashCooldown: p.dashCooldown } : null;
      });
      const gaps = dashGaps(run.samples);
      const { distancePx, seconds } = measure(run.samples);
      console.log(`tag dasher 89/s: ${distancePx.toFixed(0)} px in ${seconds.toFixed(2)} s; dash gaps (at most) ${JSON.stringify(gaps)} ticks`);
      expect(run.closeCode).toBe(0);
      expect(gaps.length).toBeGreaterThanOrEqual(2);
      // The cooldown counts the runner's own ticks (inputs applied), which the intake holds to the
      // server's ticks: a gap is short of the cooldown by at most the credit it had banked (once).
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(TAG_DASH_COOLDOWN_TICKS - (START_CREDIT - 1));
      expect(distancePx).toBeLessThanOrEqual(honestTagPath(start, Math.ceil(seconds * TICK_HZ * 1.05) + START_CREDIT) + 1);
      await room.leave();
    } finally {
      await noKick.close();
    }
  });
});

/**
 * Ticks between consecutive dashes, each the longest it can be given the samples: a dash sets the
 * cooldown to its full length, so it happened after the sample before the one where the cooldown
 * went up and at or before that one.
 */
function dashGaps(samples: readonly Sample[]): number[] {
  const dashes: { after: number; by: number }[] = [];
  for (let i = 1; i < samples.length; i++) {
    if (samples[i]!.dashCooldown > samples[i - 1]!.dashCooldown) dashes.push({ after: samples[i - 1]!.tick, by: samples[i]!.tick });
  }
  return dashes.slice(1).map((d, k) => d.by - (dashes[k]!.after + 1));
}

describe("honest clients are never closed for their input rate", () => {
  /**
   * One input per tick (packed, three to a message at most, like the browser client), due inputs sent in clumps: every `clumpMs` (random up to that), then once
   * `pauseMs` of silence at `pauseAtMs` (a network stall: the backlog arrives at once).
   */
  async function honest(name: string, forMs: number, clumpMs: number, pauseAtMs: number, pauseMs: number): Promise<{ errors: ErrorMessage[]; closeCode: number; acked: number; sent: number }> {
    const room = await ts.client(name).create<ArenaState>("arena");
    const errors = collect<ErrorMessage>(room, ServerMessage.Error);
    room.onMessage("*", () => undefined);
    let closeCode = 0;
    room.onLeave((code) => (closeCode = code));
    const me = await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own player");
    const size = arenaInputCodec.byteLength;
    const startMs = performance.now();
    let seq = 0;
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    while (performance.now() - startMs < forMs && closeCode === 0) {
      const elapsedMs = performance.now() - startMs;
      const paused = elapsedMs >= pauseAtMs && elapsedMs < pauseAtMs + pauseMs;
      const due = Math.floor(elapsedMs / TICK_MS);
      // Packed, up to three records a message, as the browser client sends them.
      while (!paused && seq < due) {
        const count = Math.min(3, due - seq);
        const bytes = new Uint8Array(count * size);
        for (let i = 0; i < count; i++) {
          seq++;
          arenaInputCodec.encode({ seq, moveX: seq % 240 < 120 ? 1 : -1, moveY: 0, aim: 0, fire: false }, bytes.subarray(i * size, (i + 1) * size));
        }
        room.sendBytes(ClientMessage.InputPacked, bytes);
      }
      await sleep(random() * clumpMs);
    }
    await waitFor(() => me.ack === seq || closeCode !== 0, 5000, "every input applied").catch(() => undefined);
    const result = { errors, closeCode, acked: me.ack, sent: seq };
    if (closeCode === 0) await room.leave();
    return result;
  }

  it("a jittery link (inputs in clumps of up to 100 ms) for 6 s: no strike", async () => {
    const r = await honest("jittery", 6000, 100, Infinity, 0);
    expect(r.closeCode).toBe(0);
    expect(r.errors).toEqual([]);
    expect(r.acked).toBe(r.sent);
  });

  it("a 1.2 s network stall, then its backlog at once: no strike", async () => {
    const r = await honest("stalled", 5000, 20, 1500, 1200);
    expect(r.closeCode).toBe(0);
    expect(r.errors).toEqual([]);
    expect(r.acked).toBe(r.sent);
  });

  it("a 4 s network stall, then its backlog at once: not closed (its one-off excess costs a strike or two, no more)", async () => {
    const r = await honest("blackout", 9000, 20, 1000, 4000);
    console.log(`4 s blackout: errors ${JSON.stringify(r.errors.map((e) => e.code))}`);
    expect(r.closeCode).toBe(0);
    expect(r.errors.filter((e) => e.code === ErrorCode.InputRateExceeded).length).toBeLessThanOrEqual(2);
  });
});
