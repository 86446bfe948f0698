import { describe, expect, it } from "vitest";
import { ClientGuard, DEFAULT_CLIENT_GUARD, type ClientGuardOptions } from "../../src/framework/index.js";

const OPTIONS: ClientGuardOptions = {
  messagesPerSec: 20,
  messageBurst: 10,
  maxStrikes: 4,
  strikeHealPerSec: 2,
  errorRepliesPerSec: 3,
};

function fakeGuard(options: ClientGuardOptions = OPTIONS) {
  const clock = { ms: 5000 };
  const guard = new ClientGuard(options, () => clock.ms);
  return { clock, guard };
}

describe("ClientGuard", () => {
  it("admits a burst of messageBurst messages, then refuses", () => {
    const { guard } = fakeGuard();
    for (let i = 0; i < OPTIONS.messageBurst; i++) expect(guard.admit()).toBe(true);
    expect(guard.admit()).toBe(false);
  });

  it("refills the message allowance at messagesPerSec", () => {
    const { clock, guard } = fakeGuard();
    while (guard.admit());
    const oneMessageMs = 1000 / OPTIONS.messagesPerSec;
    clock.ms += oneMessageMs / 2;
    expect(guard.admit()).toBe(false);
    clock.ms += oneMessageMs / 2;
    expect(guard.admit()).toBe(true);
    expect(guard.admit()).toBe(false);
    // A sustained stream at the average rate is admitted indefinitely.
    for (let i = 0; i < 200; i++) {
      clock.ms += oneMessageMs;
      expect(guard.admit()).toBe(true);
    }
    // One second of silence refills at most the burst.
    clock.ms += 10_000;
    let admitted = 0;
    while (guard.admit()) admitted++;
    expect(admitted).toBe(OPTIONS.messageBurst);
  });

  it("signals a kick on the strike after maxStrikes rapid strikes", () => {
    const { guard } = fakeGuard();
    for (let i = 0; i < OPTIONS.maxStrikes; i++) expect(guard.strike(), `strike ${i + 1}`).toBe(false);
    expect(guard.strike()).toBe(true);
    expect(guard.rejected).toBe(OPTIONS.maxStrikes + 1);
  });

  it("strikes heal at strikeHealPerSec", () => {
    const { clock, guard } = fakeGuard();
    for (let i = 0; i < OPTIONS.maxStrikes; i++) guard.strike();
    clock.ms += 1000 / OPTIONS.strikeHealPerSec;
    expect(guard.strike()).toBe(false);
    expect(guard.strike()).toBe(true);
    // Strikes spread out slower than they heal never kick.
    const { clock: c2, guard: g2 } = fakeGuard();
    for (let i = 0; i < 100; i++) {
      expect(g2.strike()).toBe(false);
      c2.ms += 1000 / OPTIONS.strikeHealPerSec;
    }
    expect(g2.rejected).toBe(100);
  });

  it("limits error replies to errorRepliesPerSec", () => {
    const { clock, guard } = fakeGuard();
    let replies = 0;
    for (let i = 0; i < 50; i++) if (guard.mayReply()) replies++;
    expect(replies).toBe(OPTIONS.errorRepliesPerSec);
    clock.ms += 1000;
    replies = 0;
    for (let i = 0; i < 50; i++) if (guard.mayReply()) replies++;
    expect(replies).toBe(OPTIONS.errorRepliesPerSec);
  });

  it("the rate limit, strikes and replies are independent allowances", () => {
    const { guard } = fakeGuard();
    while (guard.admit());
    expect(guard.mayReply()).toBe(true);
    expect(guard.strike()).toBe(false);
  });

  it("with the defaults, a flood of invalid messages is kicked after maxStrikes", () => {
    const { guard } = fakeGuard(DEFAULT_CLIENT_GUARD);
    let strikes = 0;
    while (!guard.strike()) {
      strikes++;
      expect(strikes).toBeLessThanOrEqual(DEFAULT_CLIENT_GUARD.maxStrikes);
    }
    expect(strikes).toBe(DEFAULT_CLIENT_GUARD.maxStrikes);
  });
});
