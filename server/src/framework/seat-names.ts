import { MAX_NAME_LENGTH, cutToGraphemes } from "@arena/shared";

/**
 * Display names unique within one room: the second "Ann" to sit down is "Ann 2", the third
 * "Ann 3" (the name shortened to make room for the number, so it stays within MAX_NAME_LENGTH visible
 * characters; an emoji is never split).
 * A name is free again once its seat is released. Compared exactly as shown.
 */
export class SeatNames {
  private readonly bySeat = new Map<string, string>();
  private readonly taken = new Set<string>();

  /** The name `seatId` shows: `wanted`, or `wanted N` with the smallest free N >= 2. */
  claim(seatId: string, wanted: string): string {
    this.release(seatId);
    let name = wanted;
    for (let n = 2; this.taken.has(name); n++) {
      const suffix = ` ${n}`;
      name = `${cutToGraphemes(wanted, MAX_NAME_LENGTH - suffix.length).trimEnd()}${suffix}`;
    }
    this.bySeat.set(seatId, name);
    this.taken.add(name);
    return name;
  }

  release(seatId: string): void {
    const name = this.bySeat.get(seatId);
    if (name === undefined) return;
    this.bySeat.delete(seatId);
    this.taken.delete(name);
  }
}
