import { describe, expect, it } from "vitest";
import { roomRates } from "../src/net/room-rates.js";

describe("roomRates", () => {
  it("derives the tick and patch lengths from the state's rates", () => {
    expect(roomRates({ tickHz: 30, patchHz: 10 })).toEqual({ tickHz: 30, patchHz: 10, tickMs: 1000 / 30, tickSec: 1 / 30, patchMs: 100 });
  });

  it.each([
    undefined, {}, { tickHz: 0, patchHz: 0 }, { tickHz: 60 }, { tickHz: 60, patchHz: 61 }, { tickHz: 60.5, patchHz: 20 }, { tickHz: "60", patchHz: 20 },
  ])("refuses a state without valid rates (%j) instead of guessing 60/20", (state) => {
    expect(() => roomRates(state as never)).toThrow(/carries no valid rates/);
  });
});
