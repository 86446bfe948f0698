import { withEncoderBufferSize } from "./colyseus/index.js";

/**
 * Run `createEncoder` (a room's `setState`, which builds the room's schema Encoder and the
 * serializer's join-snapshot buffer) with the encode buffers at least `bytes` long (0: as is).
 *
 * Why: @colyseus/schema 3.0.76 encodes into a buffer of `Encoder.BUFFER_SIZE` (8 KB) made with
 * the encoder. A shared patch that outgrows it is re-encoded into a bigger buffer, but a
 * per-client view patch (owner-only fields, interest management) comes out cut at the old size
 * and the client decodes garbage, silently; so does a join snapshot. A few hundred entities
 * entering a view at once (a join, a teleport) are enough. So a TickRoom with interest
 * management starts with room to spare (TickRoomConfig `encodeBufferBytes`). Not every room: the
 * buffers are per room, and 64 KB ones in 64 small arena rooms cost measurably (see config.ts).
 */
export function withEncodeBuffer<T>(bytes: number, createEncoder: () => T): T {
  return withEncoderBufferSize(bytes, createEncoder);
}
