import { describe, expect, it } from "vitest";
import { readSlot } from "@arena/shared";
import { PoseBank } from "../../src/framework/pose-bank.js";
import { PUCK_POSES, Puck, PuckState } from "../helpers/puck-room.js";

const puck = (x: number, y: number) => Object.assign(new Puck(), { x, y });
/** The word PUCK_POSES gives (x, y) (1/4 px steps, 16 bits each). */
const word = (x: number, y: number) => ((x * 4) | ((y * 4) << 16)) >>> 0;

describe("PoseBank.sync", () => {
  it("gives the lowest free slots, writes every word, and rewrites only what moved", () => {
    const state = new PuckState();
    const bank = new PoseBank(PUCK_POSES);
    state.pucks.set("a", puck(1, 2));
    state.pucks.set("b", puck(3, 4));
    bank.sync(state);
    expect([state.pucks.get("a")!.slot, state.pucks.get("b")!.slot]).toEqual([0, 1]);
    expect([readSlot(state.puckPoses, 0), readSlot(state.puckPoses, 1)]).toEqual([word(1, 2), word(3, 4)]);
    state.pucks.get("b")!.x = 10.25;
    bank.sync(state);
    expect(readSlot(state.puckPoses, 1)).toBe(word(10.25, 4));
  });

  it("an entity leaving and another arriving between two syncs: the newcomer gets the freed slot, the leaver's word is gone", () => {
    const state = new PuckState();
    const bank = new PoseBank(PUCK_POSES);
    for (const [id, x] of [["a", 1], ["b", 2], ["c", 3]] as const) state.pucks.set(id, puck(x, x));
    bank.sync(state);
    state.pucks.delete("a");
    state.pucks.set("d", puck(7, 8));
    bank.sync(state);
    expect(state.pucks.get("d")!.slot).toBe(0);
    expect(readSlot(state.puckPoses, 0)).toBe(word(7, 8));
    // Two leave, none arrives: both slots emptied; the next newcomer takes the lowest.
    state.pucks.delete("b");
    state.pucks.delete("c");
    bank.sync(state);
    expect([readSlot(state.puckPoses, 1), readSlot(state.puckPoses, 2)]).toEqual([undefined, undefined]);
    state.pucks.set("e", puck(5, 5));
    bank.sync(state);
    expect(state.pucks.get("e")!.slot).toBe(1);
  });

  it("an entity replaced in place under its id keeps the slot, on the new object", () => {
    const state = new PuckState();
    const bank = new PoseBank(PUCK_POSES);
    state.pucks.set("a", puck(1, 1));
    state.pucks.set("b", puck(2, 2));
    bank.sync(state);
    state.pucks.set("b", puck(9, 9));
    bank.sync(state);
    expect(state.pucks.get("b")!.slot).toBe(1);
    expect(readSlot(state.puckPoses, 1)).toBe(word(9, 9));
  });
});
