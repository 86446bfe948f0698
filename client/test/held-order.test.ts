import { expect, it } from "vitest";
import fc from "fast-check";
import { HeldOrder, rowsShown } from "../src/game/common/held-order.js";

it("a scoreboard's order follows the ranking, and holds while the mouse is over it: rows keep their places, newcomers go last, leavers drop out", () => {
  const order = new HeldOrder();
  expect(order.arrange(["a", "b", "c"], false)).toEqual(["a", "b", "c"]);
  // A kill re-ranks c first while the mouse is over the board: nobody moves.
  expect(order.arrange(["c", "a", "b"], true)).toEqual(["a", "b", "c"]);
  // d joins and b leaves, still held.
  expect(order.arrange(["d", "c", "a"], true)).toEqual(["a", "c", "d"]);
  // The mouse leaves: the ranking again.
  expect(order.arrange(["d", "c", "a"], false)).toEqual(["d", "c", "a"]);
});

it("held or not, the order shows exactly the players ranked, each once", () => {
  const ids = fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", "e", "f"), { maxLength: 6 });
  fc.assert(fc.property(fc.array(fc.tuple(ids, fc.boolean()), { maxLength: 20 }), (frames) => {
    const order = new HeldOrder();
    for (const [ranked, held] of frames) expect([...order.arrange(ranked, held)].sort()).toEqual([...ranked].sort());
  }));
});

it("a board shows the rows that fit, with the pinned player (your own, or the followed one) in the last row when it ranks below them", () => {
  expect(rowsShown(["a", "b", "c", "d"], 3, "b")).toEqual(["a", "b", "c"]);
  expect(rowsShown(["a", "b", "c", "d"], 3, "d")).toEqual(["a", "b", "d"]);
  expect(rowsShown(["a", "b"], 3, "x")).toEqual(["a", "b"]);
});
