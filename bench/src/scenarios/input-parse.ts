import { arenaInputCodec, arenaInputSchema } from "@arena/shared/games/arena";
import { Code, WireClient } from "../lib/wire-client.js";
import { percentile } from "../lib/stats.js";

export interface InputParseResult {
  iterations: number;
  /** Median over rounds, µs per input: msgpack map decoded + zod-validated, vs the packed record decoded + checked. */
  msgpackZodUs: number;
  packedUs: number;
  /** Bytes of one input message (Colyseus header included) in each form. */
  msgpackBytes: number;
  packedBytes: number;
}

/** Capture the bytes WireClient would send for one input, in each form. */
function sampleMessages(): { msgpack: Buffer; packed: Buffer } {
  const sent: Buffer[] = [];
  const client = new WireClient({ httpBase: "http://unused", decode: false });
  // Route sends into `sent` instead of a socket.
  (client as unknown as { send: (b: Buffer) => void }).send = (b: Buffer) => void sent.push(Buffer.from(b));
  const input = { seq: 123456, moveX: 0.7071, moveY: -0.7071, aim: 1.234, fire: false };
  client.sendInput(input);
  client.sendPackedInput(input);
  return { msgpack: sent[0]!, packed: sent[1]! };
}

/**
 * Scenario 3b: the server-side cost of reading one input, in process, alternating rounds: the
 * msgpack `input` map (what Colyseus unpacks, then the zod schema) vs the packed 13-byte record.
 */
export async function runInputParse(iterations: number, rounds: number, log: (line: string) => void): Promise<InputParseResult> {
  // The msgpack reader @colyseus/core itself uses (a dependency of it, loaded the same way).
  const { unpack } = (await import("@colyseus/msgpackr" as string)) as { unpack: (b: Uint8Array) => unknown };
  const { msgpack, packed } = sampleMessages();
  if (msgpack[0] !== Code.RoomData || packed[0] !== Code.RoomDataBytes) throw new Error("unexpected message layout");
  // Bodies: after the protocol byte and the message type (a fixstr "input", or the number 1).
  const msgpackBody = msgpack.subarray(2 + (msgpack[1]! - 0xa0));
  const packedBody = packed.subarray(2);
  const times: Record<"msgpack" | "packed", number[]> = { msgpack: [], packed: [] };
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    let t0 = performance.now();
    for (let i = 0; i < iterations; i++) if (arenaInputSchema.safeParse(unpack(msgpackBody)).success) sink++;
    times.msgpack.push(((performance.now() - t0) * 1000) / iterations);
    t0 = performance.now();
    for (let i = 0; i < iterations; i++) if (arenaInputCodec.decode(packedBody, arenaInputCodec.create()) === null) sink++;
    times.packed.push(((performance.now() - t0) * 1000) / iterations);
  }
  if (sink !== 2 * rounds * iterations) throw new Error("input parse check failed");
  const result = {
    iterations,
    msgpackZodUs: percentile(times.msgpack, 50),
    packedUs: percentile(times.packed, 50),
    msgpackBytes: msgpack.length,
    packedBytes: packed.length,
  };
  log(`  per input: msgpack + zod ${result.msgpackZodUs.toFixed(3)} µs (${result.msgpackBytes} B), packed ${result.packedUs.toFixed(3)} µs (${result.packedBytes} B)`);
  return result;
}
