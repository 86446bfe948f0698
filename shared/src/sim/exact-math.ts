/**
 * Math for predicted steps that every JavaScript engine computes to the same bits.
 *
 * ECMAScript pins `+ - * /` and `Math.sqrt` to IEEE 754 correct rounding, so V8, SpiderMonkey and
 * JavaScriptCore agree on them bit for bit. `Math.pow`, `**`, `exp`, `log`, `sin`, `cos` and the
 * rest are "implementation-approximated": engines may (and do) differ in the last bits, and one
 * differing bit in a predicted step becomes a correction on a Firefox or Safari player whose
 * server runs on Node. So predicted steps use only the exact operations (lint enforces it in
 * shared/src/sim/**); the constants they need that would take a `pow` are computed here, with
 * exact operations only, once per rate (see `rootOfWholeDegree`).
 */

/** `base` to a whole power `n` (0..2^31), by repeated squaring: `*` only, so the same bits everywhere. */
export function wholePower(base: number, n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) throw new RangeError(`wholePower: exponent ${n} is not a whole number in 0..2^31`);
  let result = 1;
  let square = base;
  for (let e = n; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result *= square;
    square *= square;
  }
  return result;
}

/**
 * The `n`-th root of `value` (0 < value <= 1, n a whole number >= 1): the double `k` in [0, 1]
 * where `wholePower(k, n)` meets `value`, found by bisection until the interval is two adjacent
 * doubles (about 55-65 rounds). Within a few ulps of the true root, and, since it uses `*`, `/`
 * and comparisons only, the same double in every engine: the server and every client derive the
 * same constant from the same rate. Meant to run once per rate (cache the result), not per step.
 */
export function rootOfWholeDegree(value: number, n: number): number {
  if (!(value > 0 && value <= 1)) throw new RangeError(`rootOfWholeDegree: value ${value} is not in (0, 1]`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`rootOfWholeDegree: degree ${n} is not a whole number >= 1`);
  let lo = 0;
  let hi = 1;
  // Each round halves [lo, hi]; 2100 rounds bound it even near the smallest doubles.
  for (let round = 0; round < 2100; round++) {
    const mid = lo + (hi - lo) / 2;
    if (mid === lo || mid === hi) break;
    if (wholePower(mid, n) < value) lo = mid;
    else hi = mid;
  }
  return value - wholePower(lo, n) < wholePower(hi, n) - value ? lo : hi;
}

/**
 * The whole tick rate that a step's `dtSec` stands for (the framework runs steps at
 * `dtSec = 1 / tickHz` with a whole `tickHz` on both sides). Throws on any other `dtSec`: a
 * step whose constants are per tick cannot honour it.
 */
export function wholeTickHz(dtSec: number): number {
  const hz = Math.round(1 / dtSec);
  if (!(hz >= 1) || Math.abs(hz * dtSec - 1) > 1e-9) throw new RangeError(`dtSec ${dtSec} is not 1 / a whole tick rate`);
  return hz;
}
