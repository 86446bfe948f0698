import { readSlot, type SlotBank } from "@arena/shared";
import { guestIdentityProvider } from "@arena/server/framework";
import { WireClient } from "./wire-client.js";
import { TCP_IP_HEADER_BYTES } from "./wire.js";

/** A decoded player as the observers see it: baseline (x, y), packed (pose), or a slot in the state's pose bank. */
interface SeenPlayer {
  x?: number;
  y?: number;
  pose?: number;
  slot?: number;
}
interface SeenState {
  players?: { forEach(cb: (p: SeenPlayer, id: string) => void): void };
  /**
   * The arena keeps pose words in a SlotBank (at each player's `slot`); the poses-map layout
   * experiment in a map keyed like `players`.
   */
  poses?: { forEach?(cb: (pose: number, id: string) => void): void };
}

/** What identifies a decoded player's position in this state's layout (a pose word's aim byte left out). */
function positionKey(state: SeenState, p: SeenPlayer): number {
  if (p.slot !== undefined) return (readSlot(state.poses as SlotBank | undefined, p.slot) ?? -1) & 0xffffff;
  if (p.pose !== undefined) return p.pose & 0xffffff;
  return (p.x ?? 0) * 65536 + (p.y ?? 0);
}

/** A guest token for `name`, signed with the run's AUTH_SECRET (what POST /auth/guest would return). */
export function benchToken(name: string): string {
  return guestIdentityProvider().issue(name).token;
}

/**
 * A decoding client that also counts, per patch, how many players' positions changed
 * ("moving entities"), so bytes can be put per moving entity.
 */
export class Observer {
  readonly client: WireClient;
  /** Entities whose position changed, summed over the patches counted. */
  movedEntities = 0;
  patchesSeen = 0;
  private readonly last = new Map<string, number>();
  private counting = false;

  constructor(httpBase: string, offerDeflate = true) {
    this.client = new WireClient({ httpBase, decode: true, offerDeflate, onState: (s, isPatch) => this.onState(s as SeenState, isPatch) });
  }

  /** Start a measuring window: zero every counter. */
  startWindow(): void {
    this.client.received.reset();
    this.client.patches.reset();
    this.movedEntities = 0;
    this.patchesSeen = 0;
    this.counting = true;
    this.windowStartBytes = this.client.socketBytesRead;
  }

  private windowStartBytes = 0;

  /** Bytes read from the socket since `startWindow` (compressed if deflate is on, headers included). */
  get socketBytes(): number {
    return this.client.socketBytesRead - this.windowStartBytes;
  }

  private onState(state: SeenState, isPatch: boolean): void {
    let moved = 0;
    const see = (id: string, key: number) => {
      if (this.last.get(id) !== key) moved++;
      this.last.set(id, key);
    };
    // "Moved" means the position changed (the aim byte of a pose word alone does not count).
    if (state.poses?.forEach) state.poses.forEach((pose, id) => see(id, pose & 0xffffff));
    else state.players?.forEach((p, id) => see(id, positionKey(state, p)));
    if (isPatch && this.counting) {
      this.movedEntities += moved;
      this.patchesSeen++;
    }
  }
}

/** What one client received over a window, per second and per patch. */
export interface Traffic {
  seconds: number;
  patchesPerSec: number;
  /** WebSocket payload, every message (state patches, pongs, shots...). */
  payloadBytesPerSec: number;
  /** State patches only. */
  patchPayloadBytesPerSec: number;
  /** Payload + WebSocket frame headers. */
  frameBytesPerSec: number;
  /** Frames + IPv4/TCP headers (52 B per message): an estimate of what crosses the wire. */
  ipBytesPerSec: number;
  /** Measured at the client's TCP socket (frame headers included, compressed when deflate is on). */
  socketBytesPerSec: number;
  bytesPerPatch: number;
  movingEntitiesPerPatch: number;
  bytesPerMovingEntityPerPatch: number;
  joinStateBytes: number;
}

export function traffic(o: Observer, seconds: number): Traffic {
  const c = o.client;
  const patches = c.patches.messages;
  return {
    seconds,
    patchesPerSec: patches / seconds,
    payloadBytesPerSec: c.received.payloadBytes / seconds,
    patchPayloadBytesPerSec: c.patches.payloadBytes / seconds,
    frameBytesPerSec: c.received.frameBytes / seconds,
    ipBytesPerSec: (c.received.frameBytes + TCP_IP_HEADER_BYTES * c.received.messages) / seconds,
    socketBytesPerSec: o.socketBytes / seconds,
    bytesPerPatch: patches ? c.patches.payloadBytes / patches : 0,
    movingEntitiesPerPatch: o.patchesSeen ? o.movedEntities / o.patchesSeen : 0,
    bytesPerMovingEntityPerPatch: o.movedEntities ? c.patches.payloadBytes / o.movedEntities : 0,
    joinStateBytes: c.joinStateBytes,
  };
}
