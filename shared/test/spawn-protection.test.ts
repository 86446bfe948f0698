import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { TICK_HZ } from "@arena/shared";
import { MAX_HEALTH, SHOT_DAMAGE, SPAWN_PROTECTION_TICKS, healthAfterHit, healthAfterShot, isSpawnProtected, protectionAfterTick, spawnProtectionUntil } from "@arena/shared/games/arena";

describe("spawn protection (arena rule)", () => {
  it("lasts 1.5 s from the spawn tick, then shots do damage again", () => {
    expect(SPAWN_PROTECTION_TICKS / TICK_HZ).toBe(1.5);
    const until = spawnProtectionUntil(1000);
    expect(isSpawnProtected(until, 1000)).toBe(true);
    expect(isSpawnProtected(until, 1000 + SPAWN_PROTECTION_TICKS - 1)).toBe(true);
    expect(isSpawnProtected(until, 1000 + SPAWN_PROTECTION_TICKS)).toBe(false);
    expect(healthAfterShot(MAX_HEALTH, until, 1001)).toBe(MAX_HEALTH);
    expect(healthAfterShot(MAX_HEALTH, until, 1000 + SPAWN_PROTECTION_TICKS)).toBe(MAX_HEALTH - SHOT_DAMAGE);
  });

  it("ends early when the player fires, and not otherwise", () => {
    const until = spawnProtectionUntil(50);
    expect(protectionAfterTick(until, false)).toBe(until);
    const after = protectionAfterTick(until, true);
    expect(isSpawnProtected(after, 51)).toBe(false);
    expect(healthAfterShot(MAX_HEALTH, after, 51)).toBe(MAX_HEALTH - SHOT_DAMAGE);
  });

  it("an unprotected player (0) takes exactly healthAfterHit, at any tick and health (property)", () => {
    fc.assert(fc.property(fc.nat(0xffffffff), fc.integer({ min: 0, max: MAX_HEALTH }), (tick, health) => {
      expect(healthAfterShot(health, 0, tick)).toBe(healthAfterHit(health));
      // While protected nothing changes.
      expect(healthAfterShot(health, spawnProtectionUntil(tick), tick)).toBe(health);
    }));
  });
});
