import type { Client, Room } from "@colyseus/core";
import { roomEncoder } from "./colyseus/index.js";
import { socketOf } from "./socket-batch.js";

/**
 * Call after each patch went out. Colyseus sends clients without a StateView a slice of the
 * encoder's shared buffer and encodes the next patch into the same memory; a socket that could
 * not take a patch at once (a slow or stalled client: `writableLength > 0`) holds that slice and
 * writes it later, so it would send the later patch's bytes instead (the client then decodes
 * the same patch again and again, or garbage). When any client is backlogged, the encoder gets a
 * fresh buffer and the pending slices keep the old one until they are written.
 */
export function keepPendingPatchBytes(room: Room, clients: Iterable<Client>): void {
  let backlogged = false;
  for (const client of clients) {
    if ((socketOf(client)?.writableLength ?? 0) > 0) {
      backlogged = true;
      break;
    }
  }
  const encoder = backlogged ? roomEncoder(room) : undefined;
  if (encoder) encoder.sharedBuffer = Buffer.allocUnsafe(encoder.sharedBuffer.byteLength);
}
