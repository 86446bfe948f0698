import { MapSchema } from "@colyseus/schema";
import { describe, expect, it } from "vitest";
import { MAX_ROOM_HZ, announceRoomRates } from "../../src/framework/room-rates.js";

const freshState = () => ({ tick: 0, tickHz: 0, patchHz: 0, players: new MapSchema() });

describe("announceRoomRates", () => {
  it("writes whole-number rates into the state", () => {
    const state = freshState();
    announceRoomRates({ tickHz: 30, patchHz: 10 }, state);
    expect([state.tickHz, state.patchHz]).toEqual([30, 10]);
  });

  it.each([
    { tickHz: 0, patchHz: 1 }, { tickHz: 62.5, patchHz: 20 }, { tickHz: MAX_ROOM_HZ + 1, patchHz: 20 }, { tickHz: Number.NaN, patchHz: 20 },
    { tickHz: 60, patchHz: 0 }, { tickHz: 60, patchHz: 61 }, { tickHz: 60, patchHz: 12.5 },
  ])("refuses tickHz $tickHz / patchHz $patchHz with a clear error and writes nothing", (rates) => {
    const state = freshState();
    expect(() => announceRoomRates(rates, state)).toThrow(/room config (tickHz|patchHz) must be a whole number/);
    expect([state.tickHz, state.patchHz]).toEqual([0, 0]);
  });
});
