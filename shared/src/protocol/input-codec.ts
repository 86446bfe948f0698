/**
 * A room type's packed binary input: a fixed-size record sent as the `ClientMessage.InputPacked`
 * bytes message instead of the msgpack `input` map (which stays accepted). Smaller on the wire
 * and far cheaper for the server to read than msgpack + schema validation.
 *
 * Values are quantized: the server applies `decode(encode(input))`, so a predicting client must
 * apply that too (NetSession does) to stay bit-exact.
 */
export interface InputCodec<I> {
  /** Size of one encoded input in bytes. */
  readonly byteLength: number;
  /** A blank input to decode into. */
  create(): I;
  /** Write `input` into `out` (at least byteLength bytes). Out-of-range values are clamped. */
  encode(input: Readonly<I>, out: Uint8Array): void;
  /**
   * Read and validate the record at `offset` into `out`. Returns null, or why the bytes are not a
   * valid input. Without `offset`, `bytes` must be exactly one record; with it (a message holding
   * several), the record must fit. An offset spares the server a subarray per record.
   */
  decode(bytes: Uint8Array, out: I, offset?: number): string | null;
}
