import { describe, expect, it } from "vitest";
import { Backoff, JoinErrorCode, MAX_RETRY_AFTER_MS, classifyJoinFailure, retryAfterHintMs, retryJoin } from "../src/index.js";

describe("classifyJoinFailure", () => {
  it("no code, an HTTP status or a socket close code: unreachable", () => {
    expect(classifyJoinFailure(new TypeError("Failed to fetch"))).toBe("unreachable");
    expect(classifyJoinFailure({ code: undefined, message: "connect ECONNREFUSED" })).toBe("unreachable");
    expect(classifyJoinFailure({ code: 503, message: "Service Unavailable" })).toBe("unreachable");
    expect(classifyJoinFailure({ code: 1006 })).toBe("unreachable");
    expect(classifyJoinFailure(null)).toBe("unreachable");
  });
  it("quotas: busy; a refused token: auth; anything else the server answers: gone", () => {
    expect(classifyJoinFailure({ code: JoinErrorCode.TooManyReservations })).toBe("busy");
    expect(classifyJoinFailure({ code: JoinErrorCode.TooManySessions })).toBe("busy");
    expect(classifyJoinFailure({ code: JoinErrorCode.AuthFailed })).toBe("auth");
    expect(classifyJoinFailure({ code: 4212, message: 'room "x" not found' })).toBe("gone");
    expect(classifyJoinFailure({ code: JoinErrorCode.ReconnectIdentityMismatch })).toBe("gone");
  });
});

it("retryAfterHintMs clamps to 0..MAX_RETRY_AFTER_MS and ignores what is not a finite number", () => {
  expect(retryAfterHintMs(1500)).toBe(1500);
  expect(retryAfterHintMs(-5)).toBe(0);
  expect(retryAfterHintMs(1e9)).toBe(MAX_RETRY_AFTER_MS);
  expect(retryAfterHintMs("1000")).toBe(0);
  expect(retryAfterHintMs(Number.NaN)).toBe(0);
});

it("Backoff doubles up to its cap, within the jitter, and starts over on reset", () => {
  const lows = new Backoff({ firstMs: 100, maxMs: 1000, jitter: 0.2, random: () => 0 });
  expect([1, 2, 3, 4, 5, 6].map(() => lows.next())).toEqual([80, 160, 320, 640, 800, 800]);
  const highs = new Backoff({ firstMs: 100, maxMs: 1000, jitter: 0.2, random: () => 1 });
  expect([1, 2, 3, 4, 5].map(() => highs.next())).toEqual([120, 240, 480, 960, 1200]);
  highs.reset();
  expect(highs.next()).toBe(120);
});

describe("retryJoin", () => {
  /** A fake clock: sleep advances it. */
  function clock() {
    let nowMs = 0;
    const slept: number[] = [];
    return { now: () => nowMs, sleep: async (ms: number) => { slept.push(ms); nowMs += ms; }, slept };
  }

  it("waits the hint, retries failures with back-off, and resolves with the first success", async () => {
    const c = clock();
    const failures: string[] = [];
    let calls = 0;
    const result = await retryJoin(async () => {
      calls++;
      if (calls === 1) throw new Error("connect ECONNREFUSED");
      if (calls === 2) throw Object.assign(new Error("busy"), { code: JoinErrorCode.TooManyReservations });
      return "room";
    }, {
      firstWaitMs: 1000, giveUpMs: 60_000, backoff: { firstMs: 250, maxMs: 2000, jitter: 0 }, now: c.now, sleep: c.sleep,
      onFailure: ({ kind, attempt, nextDelayMs }) => failures.push(`${attempt}:${kind}:${nextDelayMs}`),
    });
    expect(result).toBe("room");
    expect(failures).toEqual(["1:unreachable:250", "2:busy:500"]);
    expect(c.slept).toEqual([1000, 250, 500]);
  });

  it("gives up (null) rather than sleep past giveUpMs, and stops when told", async () => {
    const c = clock();
    let calls = 0;
    const never = () => { calls++; return Promise.reject(new Error("down")); };
    expect(await retryJoin(never, { giveUpMs: 5000, backoff: { firstMs: 1000, maxMs: 1000, jitter: 0 }, now: c.now, sleep: c.sleep })).toBeNull();
    // Attempts at 0, 1, 2, 3, 4 and 5 s; the next would start past the 5 s bound.
    expect(calls).toBe(6);
    expect(c.now()).toBe(5000);
    let stop = false;
    calls = 0;
    const result = await retryJoin(() => { calls++; stop = true; return Promise.reject(new Error("down")); }, { giveUpMs: 60_000, stopped: () => stop, now: c.now, sleep: c.sleep });
    expect(result).toBeNull();
    expect(calls).toBe(1);
  });
});
