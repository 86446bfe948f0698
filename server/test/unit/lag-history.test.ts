import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { LagHistory } from "../../src/framework/index.js";

function entitiesAt(tick: number, count: number) {
  return Array.from({ length: count }, (_, i) => ({ id: `e${i}`, x: tick * 10 + i, y: tick * 100 + i, extra: "ignored" }));
}

describe("LagHistory", () => {
  it("records and returns positions per tick", () => {
    const h = new LagHistory(8);
    h.record(1, entitiesAt(1, 2));
    h.record(2, entitiesAt(2, 3));
    expect(h.at(1)).toEqual([{ id: "e0", x: 10, y: 100 }, { id: "e1", x: 11, y: 101 }]);
    expect(h.at(2)?.map((p) => p.id)).toEqual(["e0", "e1", "e2"]);
    expect(h.at(3)).toBeUndefined();
    expect(h.at(0)).toBeUndefined();
  });

  it("copies positions: later changes to an entity do not rewrite history", () => {
    const h = new LagHistory(4);
    const player = { id: "p", x: 1, y: 2 };
    h.record(7, [player]);
    player.x = 99;
    expect(h.at(7)).toEqual([{ id: "p", x: 1, y: 2 }]);
  });

  it("overwrites the oldest tick once capacity is reached", () => {
    const cap = 5;
    const h = new LagHistory(cap);
    for (let t = 0; t < 12; t++) h.record(t, entitiesAt(t, 1));
    for (let t = 0; t < 12 - cap; t++) expect(h.at(t), `tick ${t}`).toBeUndefined();
    for (let t = 12 - cap; t < 12; t++) expect(h.at(t)).toEqual([{ id: "e0", x: t * 10, y: t * 100 }]);
  });

  it("a reused slot holds exactly the new tick's entities (fewer or more than before)", () => {
    const h = new LagHistory(3);
    h.record(0, entitiesAt(0, 4));
    h.record(3, entitiesAt(3, 1));
    expect(h.at(3)).toEqual([{ id: "e0", x: 30, y: 300 }]);
    h.record(6, entitiesAt(6, 5));
    expect(h.at(6)).toHaveLength(5);
    expect(h.at(6)![4]).toEqual({ id: "e4", x: 64, y: 604 });
    expect(h.at(3)).toBeUndefined();
  });

  it("property: the last `capacity` ticks of any recorded run are exactly retrievable", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 200 }),
        (cap, firstTick, counts) => {
          const h = new LagHistory(cap);
          counts.forEach((count, i) => h.record(firstTick + i, entitiesAt(firstTick + i, count)));
          const last = firstTick + counts.length - 1;
          for (let t = firstTick; t <= last; t++) {
            const got = h.at(t);
            if (last - t < cap) {
              expect(got).toEqual(entitiesAt(t, counts[t - firstTick]!).map(({ id, x, y }) => ({ id, x, y })));
            } else {
              expect(got).toBeUndefined();
            }
          }
          expect(h.at(last + 1)).toBeUndefined();
        },
      ),
      { numRuns: 200 },
    );
  });
});
