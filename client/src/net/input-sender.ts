import type { Room } from "colyseus.js";
import { ClientMessage, type InputCodec } from "@arena/shared";

/** Where inputs go: the room joined now (it changes on a reconnect), while its socket is open. */
export interface InputLink {
  room(): Pick<Room, "send" | "sendBytes">;
  connected(): boolean;
}

/** What the frame an input was sampled in showed of others (see NetSession's view and tickInputFields). */
export interface InputView {
  /** The tick others were drawn at (rounded). */
  tick: number;
  /** Ticks past the newest patch when others were drawn extrapolated, else 0. */
  aheadTicks: number;
  /** With aheadTicks: ticks between the two patches extrapolated from. */
  spanTicks: number;
}

/**
 * Numbers, packs and sends one room's inputs: the msgpack `input` map, or the room type's packed
 * record (`ClientMessage.InputPacked`), several ticks to a message when the room type asks for it.
 * Sequence numbers continue across reconnects (the server acks by seq).
 */
export class InputSender<I extends { seq: number; viewTick?: number }> {
  private seq = 0;
  private record: Uint8Array | null = null;
  /** Packed records waiting to go out together. */
  private batch: Uint8Array | null = null;
  private batched = 0;
  private batchStartMs = 0;
  /** Packed records per message (1..4). */
  readonly perMessage: number;

  /**
   * @param codec the room type's packed format, if any (see ClientRoomType.inputCodec)
   * @param inputsPerMessage packed records per message, 1..4 (see ClientRoomType.inputsPerMessage)
   */
  constructor(
    private readonly link: InputLink,
    private readonly codec: InputCodec<I> | undefined,
    inputsPerMessage: number | undefined,
    private readonly now: () => number,
  ) {
    this.perMessage = Math.min(4, Math.max(1, Math.floor(inputsPerMessage ?? 1)));
  }

  /** The seq the next input will be sent with. */
  get nextSeq(): number {
    return this.seq + 1;
  }

  /**
   * Number `fields` as the next input, sampled in a frame that showed `view`, and send it (or queue it for its batch).
   * Returns the input exactly as the server will apply it: with a codec, the decoded record, so
   * prediction matches to the last bit. While the socket is down nothing is sent; the caller
   * still predicts it and the input drops out once a later one is acked after a reconnect.
   */
  send(fields: Omit<I, "seq" | "viewTick">, view: InputView): I {
    // The extrapolation fields only when extrapolated: a msgpack input carries no empty keys.
    const input = (view.aheadTicks > 0
      ? { ...fields, seq: ++this.seq, viewTick: view.tick, viewAheadTicks: view.aheadTicks, viewSpanTicks: view.spanTicks }
      : { ...fields, seq: ++this.seq, viewTick: view.tick }) as unknown as I;
    const codec = this.codec;
    if (codec) {
      const record = (this.record ??= new Uint8Array(codec.byteLength));
      codec.encode(input, record);
      codec.decode(record, input);
      if (this.link.connected()) this.queue(record);
    } else if (this.link.connected()) {
      this.link.room().send(ClientMessage.Input, input);
    }
    return input;
  }

  /** Send a partial batch that has waited `maxWaitMs` or more (call once per frame). */
  flushIfWaited(maxWaitMs: number): void {
    if (this.batched > 0 && this.now() - this.batchStartMs >= maxWaitMs) this.flush();
  }

  /** Send the packed records still waiting for their batch to fill. */
  flush(): void {
    if (this.batched === 0 || !this.batch || !this.codec) return;
    if (this.link.connected()) this.link.room().sendBytes(ClientMessage.InputPacked, this.batch.subarray(0, this.batched * this.codec.byteLength));
    this.batched = 0;
  }

  /** Forget a batch meant for a socket that is gone (its inputs were never acked). */
  dropBatch(): void {
    this.batched = 0;
  }

  private queue(record: Uint8Array): void {
    if (this.perMessage === 1) {
      this.link.room().sendBytes(ClientMessage.InputPacked, record);
      return;
    }
    const batch = (this.batch ??= new Uint8Array(record.byteLength * this.perMessage));
    if (this.batched === 0) this.batchStartMs = this.now();
    batch.set(record, this.batched * record.byteLength);
    if (++this.batched === this.perMessage) this.flush();
  }
}
