/**
 * Positions live on a 1/16 px grid on both sides. The grid values are exact in
 * float32 (up to 2^19 px), so what the server sends is exactly what it
 * simulates, and a client replaying inputs from it reproduces the server bit for bit.
 */
export const POSITION_STEPS_PER_PX = 16;

/** Round a coordinate in px to the shared position grid. */
export function quantizePosition(px: number): number {
  return Math.round(px * POSITION_STEPS_PER_PX) / POSITION_STEPS_PER_PX;
}

/** Angle in radians -> 0..255 (one byte on the wire). */
export function encodeAngle8(radians: number): number {
  const turns = radians / (2 * Math.PI);
  return Math.round((turns - Math.floor(turns)) * 256) & 0xff;
}

/** 0..255 -> angle in radians in [0, 2π). */
export function decodeAngle8(byte: number): number {
  return ((byte & 0xff) / 256) * 2 * Math.PI;
}
