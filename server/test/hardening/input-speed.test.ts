import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClientMessage, CloseCode, ErrorCode, ServerMessage, TICK_HZ, TICK_MS, TICK_SEC, followPoses, type ErrorMessage } from "@arena/shared";
import { PLAYER_SPEED_PX_PER_SEC, ARENA_POSES, arenaInputCodec, type ArenaState } from "@arena/shared/games/arena";
import type { TagBody, TagState } from "@arena/shared/games/tag";
import { DEFAULT_TICK_ROOM_CONFIG } from "../../src/framework/index.js";
import { cheat, dashGaps, honestTagPath, measure, type Format } from "../helpers/input-cheat.js";
import { collect, sleep, startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

/**
 * Raw clients that send inputs faster than the tick (the speed hack of issue 15), watched from
 * outside (see helpers/input-cheat.ts), and honest ones that must never be closed. Each cheater
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
      followPoses(room, ARENA_POSES);
      const run = await cheat(room, format, rate, KICK_WITHIN_MS + 2000, { moveX: 1, moveY: 0, aim: 0, fire: false }, (state) => {
        const me = state.players.get(room.sessionId);
        if (!me) return null;
        return { x: me.x, y: me.y, dashCooldown: 0 };
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


describe("tag: a client sending faster than the tick runs at the honest speed and is closed (4401)", () => {
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
});


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
