import { Encoder } from "@colyseus/schema";

/**
 * Run `createEncoder` (a room's `setState`, which builds the room's schema Encoder) with the
 * encode buffer at least `bytes` long.
 *
 * Why: @colyseus/schema 3.0.76 encodes into a buffer of `Encoder.BUFFER_SIZE` (8 KB) made with
 * the encoder. A shared patch that outgrows it is re-encoded into a bigger buffer, but a
 * per-client view patch (owner-only fields, interest management) comes out cut at the old size
 * and the client decodes garbage, silently. A few hundred entities entering a view at once (a
 * join, a teleport) are enough. So every TickRoom starts with room to spare (TickRoomConfig
 * `encodeBufferBytes`).
 */
export function withEncodeBuffer<T>(bytes: number, createEncoder: () => T): T {
  const previous = Encoder.BUFFER_SIZE;
  Encoder.BUFFER_SIZE = Math.max(previous, bytes);
  try {
    return createEncoder();
  } finally {
    Encoder.BUFFER_SIZE = previous;
  }
}
