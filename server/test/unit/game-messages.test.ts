import { describe, expect, it } from "vitest";
import { z } from "zod";
import { gameMessageNameProblem } from "@arena/shared";
import { GameMessageLimits, checkGameMessages, defineGameMessage } from "../../src/framework/game-messages.js";

const noop = (): void => undefined;

describe("game message declarations", () => {
  it("refuses the framework's own client message types, the catch-all and malformed names", () => {
    for (const name of ["input", "ping", "probe_reply", "1", "*"]) expect(gameMessageNameProblem(name)).toMatch(/collides with the framework's own message type/);
    for (const name of ["", "Vote", "team-switch", "_x", "9lives", "a".repeat(33), "__proto__"]) expect(gameMessageNameProblem(name)).toMatch(/not a valid name/);
    for (const name of ["vote", "emote", "team_switch", "chat2", "a".repeat(32)]) expect(gameMessageNameProblem(name)).toBeNull();
    expect(() => checkGameMessages({ vote: defineGameMessage(z.null(), noop), input: defineGameMessage(z.null(), noop) })).toThrow(/"input"/);
  });

  it("defaults to tick delivery without a limit of its own, and refuses nonsensical limits", () => {
    const m = defineGameMessage(z.null(), noop);
    expect([m.delivery, m.perSecond, m.burst]).toEqual(["tick", null, 1]);
    expect(defineGameMessage(z.null(), noop, { perSecond: 4 }).burst).toBe(4);
    expect(() => defineGameMessage(z.null(), noop, { perSecond: 0 })).toThrow(/perSecond/);
    expect(() => defineGameMessage(z.null(), noop, { perSecond: Number.NaN })).toThrow(/perSecond/);
    expect(() => defineGameMessage(z.null(), noop, { perSecond: 1, burst: 0.5 })).toThrow(/burst/);
  });

  it("limits each type separately, per client, and leaves types without a limit alone", () => {
    const limits = new GameMessageLimits({
      vote: defineGameMessage(z.null(), noop, { perSecond: 0.001, burst: 2 }),
      chat: defineGameMessage(z.null(), noop),
    });
    expect([limits.admit("vote"), limits.admit("vote"), limits.admit("vote")]).toEqual([true, true, false]);
    for (let i = 0; i < 100; i++) expect(limits.admit("chat")).toBe(true);
  });
});
