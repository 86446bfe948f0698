import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { InputQueue, type InputRejection } from "../../src/framework/index.js";

interface In {
  seq: number;
  tag?: string;
}

function drain(q: InputQueue<In>): In[] {
  const out: In[] = [];
  for (let i = q.length; i > 0; i--) out.push(q.shift()!);
  expect(q.shift()).toBeUndefined();
  return out;
}

describe("InputQueue", () => {
  it("accepts strictly increasing seqs and hands them back in order", () => {
    const q = new InputQueue<In>({ capacity: 8, maxSeqJump: 10 });
    expect(q.push({ seq: 1 })).toBeNull();
    expect(q.push({ seq: 2 })).toBeNull();
    expect(q.push({ seq: 5 })).toBeNull();
    expect(q.length).toBe(3);
    expect(q.lastReceivedSeq).toBe(5);
    expect(drain(q).map((i) => i.seq)).toEqual([1, 2, 5]);
    expect(q.dropped).toBe(0);
  });

  it("refuses and counts stale and duplicate seqs", () => {
    const q = new InputQueue<In>({ capacity: 8, maxSeqJump: 10 });
    expect(q.push({ seq: 0 })).toBe("stale");
    expect(q.push({ seq: 3 })).toBeNull();
    expect(q.push({ seq: 3, tag: "dup" })).toBe("stale");
    expect(q.push({ seq: 2 })).toBe("stale");
    expect(q.dropped).toBe(3);
    expect(q.lastReceivedSeq).toBe(3);
    expect(drain(q)).toEqual([{ seq: 3 }]);
    // Still stale after the queue was drained: the seq high-water mark stays.
    expect(q.push({ seq: 3 })).toBe("stale");
    expect(q.dropped).toBe(4);
  });

  it("refuses seq jumps beyond maxSeqJump, but accepts exactly maxSeqJump", () => {
    const q = new InputQueue<In>({ capacity: 8, maxSeqJump: 10 });
    expect(q.push({ seq: 11 })).toBe("too-far-ahead");
    expect(q.push({ seq: 10 })).toBeNull();
    expect(q.push({ seq: 21 })).toBe("too-far-ahead");
    expect(q.push({ seq: 20 })).toBeNull();
    expect(q.dropped).toBe(2);
    expect(q.lastReceivedSeq).toBe(20);
  });

  it("is bounded by capacity and counts what overflows", () => {
    const q = new InputQueue<In>({ capacity: 3, maxSeqJump: 100 });
    for (let s = 1; s <= 3; s++) expect(q.push({ seq: s })).toBeNull();
    expect(q.push({ seq: 4 })).toBe("queue-full");
    expect(q.length).toBe(3);
    expect(q.dropped).toBe(1);
    // A refused input does not advance the high-water mark, so it may be resent.
    expect(q.lastReceivedSeq).toBe(3);
    q.shift();
    expect(q.push({ seq: 4 })).toBeNull();
    expect(drain(q).map((i) => i.seq)).toEqual([2, 3, 4]);
  });

  type Op = { kind: "push"; seq: number } | { kind: "shift" };

  it("property: any push/shift sequence keeps the queue strictly increasing, bounded and FIFO", () => {
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: -5, max: 200 }).map((seq) => ({ kind: "push" as const, seq })) },
      { weight: 1, arbitrary: fc.constant({ kind: "shift" as const }) },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(op, { maxLength: 300, size: "max" }),
        (capacity, maxSeqJump, ops) => {
          const q = new InputQueue<In>({ capacity, maxSeqJump });
          const accepted: number[] = [];
          const shifted: number[] = [];
          let refused = 0;
          let highest = 0;
          for (const o of ops) {
            if (o.kind === "shift") {
              const item = q.shift();
              if (item) shifted.push(item.seq);
              continue;
            }
            const before = q.length;
            const result: InputRejection | null = q.push({ seq: o.seq });
            if (result === null) {
              expect(o.seq).toBeGreaterThan(highest);
              expect(o.seq - highest).toBeLessThanOrEqual(maxSeqJump);
              expect(before).toBeLessThan(capacity);
              accepted.push(o.seq);
              highest = o.seq;
            } else {
              refused++;
              const expected: InputRejection =
                o.seq <= highest ? "stale" : o.seq - highest > maxSeqJump ? "too-far-ahead" : "queue-full";
              expect(result).toBe(expected);
              expect(q.length).toBe(before);
            }
            expect(q.length).toBeLessThanOrEqual(capacity);
            expect(q.lastReceivedSeq).toBe(highest);
            expect(q.dropped).toBe(refused);
          }
          const rest = drain(q).map((i) => i.seq);
          const out = [...shifted, ...rest];
          // Everything accepted comes out exactly once, in the order it went in.
          expect(out).toEqual(accepted);
          for (let i = 1; i < out.length; i++) expect(out[i]!).toBeGreaterThan(out[i - 1]!);
        },
      ),
      { numRuns: 300 },
    );
  });
});
