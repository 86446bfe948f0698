import { afterEach, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import type { Client, Room } from "@colyseus/core";
import { ClientMessage, TICK_MS, type InputStatsMessage } from "@arena/shared";
import { arenaInputCodec, arenaInputSchema, type ArenaInput } from "@arena/shared/games/arena";
import { ClientIntake, inputAgeMsPercentile } from "../../src/framework/client-intake.js";
import { DEFAULT_TICK_ROOM_CONFIG, stallToleranceMsFromEnv, type TickRoomConfig } from "../../src/framework/config.js";
import { logger } from "../../src/framework/logger.js";

type Handler = (client: Client, message: unknown) => void;

/**
 * One session "a" on an intake listening on a stand-in room. `send(...seqs)` delivers one packed
 * message (up to four records); `tick(lostTicks)` runs takeDue and returns the seqs applied.
 */
function setup(config: Partial<TickRoomConfig> = {}) {
  const handlers = new Map<string | number, Handler>();
  const a = { sessionId: "a", send: () => undefined, leave: () => undefined } as unknown as Client;
  const room = {
    onMessage: (type: string | number, handler: Handler) => handlers.set(type, handler),
    clients: { getById: (id: string) => (id === "a" ? a : undefined) },
  } as unknown as Room;
  const intake = new ClientIntake<ArenaInput>({
    // Generous rate limit, and no kick for sending too fast: these tests are about pacing, not flooding.
    config: {
      ...DEFAULT_TICK_ROOM_CONFIG,
      guard: { ...DEFAULT_TICK_ROOM_CONFIG.guard, messagesPerSec: 1e6, messageBurst: 1e6, maxStrikes: 1e6 },
      inputExcess: { ...DEFAULT_TICK_ROOM_CONFIG.inputExcess, strikes: 0 },
      ...config,
    },
    inputSchema: arenaInputSchema,
    inputCodec: arenaInputCodec,
    log: logger.child({ test: "input-pacing" }),
    serverTimeMs: () => 0,
  });
  intake.listen(room);
  intake.add(a);
  const players = new Set(["a"]);
  const send = (...seqs: number[]) => {
    const bytes = new Uint8Array(seqs.length * arenaInputCodec.byteLength);
    seqs.forEach((seq, i) => arenaInputCodec.encode(
      { seq, moveX: 1, moveY: 0, aim: 0, fire: false }, bytes.subarray(i * arenaInputCodec.byteLength, (i + 1) * arenaInputCodec.byteLength),
    ));
    handlers.get(ClientMessage.InputPacked)!(a, bytes);
  };
  const tick = (lostTicks = 0, nowMs = 0) => {
    const out: number[] = [];
    intake.takeDue(players, (_id, input) => out.push(input.seq), nowMs, lostTicks);
    return out;
  };
  /** The client's answer to the server's round-trip probe `id` (the first goes out with the first input). */
  const probeReply = (id: number) => handlers.get(ClientMessage.ProbeReply)!(a, { id, interpDelayMs: 0 });
  return { intake, send, tick, probeReply };
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("input pacing (ClientIntake.takeDue)", () => {
  it("applies at most one input per tick to a client sending twice the tick rate", () => {
    const { intake, send, tick } = setup();
    let seq = 0;
    let applied = 0;
    for (let t = 0; t < 600; t++) {
      send(++seq, ++seq); // two inputs every tick
      const out = tick();
      expect(out.length).toBeLessThanOrEqual(1);
      applied += out.length;
    }
    // Ten seconds of ticks: ten seconds of movement, not twenty. The excess waited, then was refused.
    expect(applied).toBe(600);
    expect(intake.inputsDropped).toBe(1200 - 600 - (intake.queueCapacity - 1)); // a full queue, less this tick's input
  });

  it("catches up a late input on the credit banked while the queue was empty, up to inputCreditCap", () => {
    const { send, tick } = setup();
    send(1);
    expect(tick()).toEqual([1]);
    expect(tick()).toEqual([]); // input 2 is late: the credit banks
    send(2, 3);
    expect(tick()).toEqual([2, 3]); // back in step: the queue does not stay a tick deeper
    expect(tick()).toEqual([]);
    // A long silence banks no more than the cap: 6 credits, so at most 5 extra inputs later.
    expect(DEFAULT_TICK_ROOM_CONFIG.inputCreditCap).toBe(6);
    for (let t = 0; t < 20; t++) tick();
    for (let first = 4; first < 16; first += 4) send(...range(first, 4));
    const perTick = range(0, 9).map(() => tick().length);
    expect(perTick).toEqual([2, 2, 2, 2, 2, 1, 1, 0, 0]);
  });

  it("after a stall applies every input sent during it, none dropped, catching up at most maxInputsPerTick a tick", () => {
    const { intake, send, tick } = setup();
    const toleranceTicks = Math.ceil(DEFAULT_TICK_ROOM_CONFIG.inputStallToleranceMs / TICK_MS);
    let seq = 0;
    // Steady: a message of three every three ticks.
    for (let t = 0; t < 30; t++) {
      if (t % 3 === 0) send(++seq, ++seq, ++seq);
      tick();
    }
    // A stall as long as the tolerance: the loop ran its catch-up steps and dropped the rest of the
    // time (lostTicks on the first step); the client's inputs of the whole stall arrive afterwards.
    const catchUpSteps = DEFAULT_TICK_ROOM_CONFIG.maxCatchUpSteps;
    const lostTicks = toleranceTicks - catchUpSteps;
    tick(lostTicks);
    for (let t = 1; t < catchUpSteps; t++) tick();
    for (let i = 0; i < toleranceTicks / 3; i++) send(++seq, ++seq, ++seq);
    expect(intake.inputsDropped).toBe(0);
    // Then steady sending again while the backlog drains.
    const applied: number[] = [];
    for (let t = 0; t < 3 * toleranceTicks; t++) {
      if (t % 3 === 0) send(++seq, ++seq, ++seq);
      const out = tick();
      expect(out.length).toBeLessThanOrEqual(DEFAULT_TICK_ROOM_CONFIG.maxInputsPerTick);
      applied.push(...out);
    }
    expect(intake.inputsDropped).toBe(0);
    // Every input exactly once, in seq order, and the queue is back to its steady depth.
    expect(applied).toEqual(range(applied[0]!, applied.length));
    expect(seq - applied[applied.length - 1]!).toBeLessThanOrEqual(3);
  });

  it("lets unused stall credit lapse: a client that sent nothing during a stall gains no speed later", () => {
    const { send, tick } = setup();
    tick(55);
    // Silent for well past the stall credit's lapse, then a burst: only the banked credit (cap 6) catches up.
    for (let t = 0; t < 200; t++) tick();
    for (let first = 1; first < 17; first += 4) send(...range(first, 4));
    const perTick = range(0, 13).map(() => tick().length);
    expect(perTick).toEqual([2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 0, 0]);
  });

  it("never applies more inputs than ticks (plus lost ticks and the credit cap), never reorders, never drops within capacity", () => {
    fc.assert(fc.property(
      fc.array(fc.record({ arrive: fc.integer({ min: 0, max: 4 }), lost: fc.oneof(fc.constant(0), fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 40 })) }), { minLength: 1, maxLength: 300 }),
      (schedule) => {
        const { intake, send, tick } = setup();
        const cap = DEFAULT_TICK_ROOM_CONFIG.inputCreditCap;
        let seq = 0;
        let applied: number[] = [];
        let lostSum = 0;
        for (let t = 0; t < schedule.length; t++) {
          const step = schedule[t]!;
          lostSum += step.lost;
          const out = tick(step.lost);
          expect(out.length).toBeLessThanOrEqual(DEFAULT_TICK_ROOM_CONFIG.maxInputsPerTick);
          applied = applied.concat(out);
          expect(applied.length).toBeLessThanOrEqual(t + 1 + lostSum + cap);
          if (step.arrive > 0 && intake.queueCapacity - (seq - applied.length) >= step.arrive) send(...range(seq + 1, step.arrive).map((s) => (seq = s)));
        }
        expect(intake.inputsDropped).toBe(0);
        expect(applied).toEqual(range(1, applied.length));
      },
    ), { numRuns: 200 });
  });

  it("holds a stall's worth of inputs plus the headroom", () => {
    const { intake, send } = setup({ inputStallToleranceMs: 1000, inputQueueHeadroom: 32 });
    expect(intake.queueCapacity).toBe(Math.ceil(1000 / TICK_MS) + 32);
    let seq = 0;
    while (seq < intake.queueCapacity) send(++seq);
    expect(intake.inputsDropped).toBe(0);
    send(++seq);
    expect(intake.inputsDropped).toBe(1);
  });
});

describe("input age and queue depth (ClientIntake.reportInputStats)", () => {
  it("reports a client's input ages (arrival to tick, plus batch wait, plus one-way) and queue depths", () => {
    let clockMs = 1000;
    vi.spyOn(performance, "now").mockImplementation(() => clockMs);
    const { intake, send, tick, probeReply } = setup();
    // Three records arrive at 1000 ms; the first was sampled two ticks before the message left.
    // The server's first round-trip probe goes out with them and is answered 40 ms later: one-way 20.
    send(1, 2, 3);
    clockMs = 1040;
    probeReply(1);
    expect(intake.linkOf("a")!.rttMs).toBe(40);
    const reports: InputStatsMessage[] = [];
    const ticks = [1010, 1010 + TICK_MS, 1010 + 2 * TICK_MS, 1010 + 3 * TICK_MS];
    for (const nowMs of ticks) {
      clockMs = nowMs;
      tick(0, nowMs);
    }
    intake.reportInputStats(1, (_id, r) => reports.push({ ...r }));
    expect(reports).toHaveLength(1);
    const r = reports[0]!;
    // Record i of 3 waited (2 - i) ticks at the client, then (10 + i ticks) ms here, then +20 one-way.
    expect(r.ageMsP50).toBeCloseTo(10 + 2 * TICK_MS + 20, 0);
    expect(r.ageMsP99).toBeCloseTo(10 + 2 * TICK_MS + 20, 0);
    expect(r).toMatchObject({ windowTicks: 4, applied: 3, queueDepthMin: 0, queueDepthMax: 2, starvedTicks: 1, dropped: 0 });
    expect(r.queueDepthMean).toBe(0.8); // (2 + 1 + 0 + 0) / 4, to 0.1
    // Room-wide, for the bench: the same ages in the histogram.
    expect(inputAgeMsPercentile(intake.pacingStats.ageHistogram, 0.5)).toBeCloseTo(10 + 2 * TICK_MS + 20, 0);
    // The next window starts empty.
    reports.length = 0;
    intake.reportInputStats(1, (_id, rep) => reports.push({ ...rep }));
    expect(reports).toHaveLength(0);
  });
});

describe("INPUT_STALL_TOLERANCE_MS", () => {
  it("defaults to 1000 ms and refuses anything but whole ms from 0 to 10000", () => {
    expect(stallToleranceMsFromEnv(undefined)).toBe(1000);
    expect(stallToleranceMsFromEnv("")).toBe(1000);
    expect(stallToleranceMsFromEnv("2500")).toBe(2500);
    expect(stallToleranceMsFromEnv("0")).toBe(0);
    for (const bad of ["-1", "1.5", "abc", "10001", "Infinity"]) expect(() => stallToleranceMsFromEnv(bad), bad).toThrow(/INPUT_STALL_TOLERANCE_MS/);
  });
});
