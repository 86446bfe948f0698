import { describe, expect, it } from "vitest";
import type { Client, Room } from "@colyseus/core";
import { ClientMessage, ErrorCode, ServerMessage } from "@arena/shared";
import { arenaInputCodec, arenaInputSchema, type ArenaInput } from "@arena/shared/games/arena";
import { ClientIntake } from "../../src/framework/client-intake.js";
import type { TickInput } from "../../src/framework/index.js";
import { DEFAULT_TICK_ROOM_CONFIG } from "../../src/framework/config.js";
import { logger } from "../../src/framework/logger.js";

type Handler = (client: Client, message: unknown) => void;

/** An intake listening on a stand-in room; `send` delivers a message as Colyseus would. */
function setup(serverTimeMs: () => number = () => 0) {
  const handlers = new Map<string | number, Handler>();
  const connected = new Map<string, Client>();
  const room = {
    onMessage: (type: string | number, handler: Handler) => handlers.set(type, handler),
    clients: { getById: (id: string) => connected.get(id) },
  } as unknown as Room;
  const intake = new ClientIntake<ArenaInput>({
    config: DEFAULT_TICK_ROOM_CONFIG,
    inputSchema: arenaInputSchema,
    inputCodec: arenaInputCodec,
    log: logger.child({ test: "client-intake" }),
    serverTimeMs,
  });
  intake.listen(room);
  const sent: { sessionId: string; type: unknown; message: unknown }[] = [];
  const client = (sessionId: string) => {
    const c = {
      sessionId,
      send: (type: unknown, message: unknown) => sent.push({ sessionId, type, message }),
      leave: () => undefined,
    } as unknown as Client;
    connected.set(sessionId, c);
    return c;
  };
  const packed = (...seqs: number[]) => {
    const bytes = new Uint8Array(seqs.length * arenaInputCodec.byteLength);
    seqs.forEach((seq, i) => arenaInputCodec.encode(
      { seq, moveX: 1, moveY: 0, aim: 0, fire: false }, bytes.subarray(i * arenaInputCodec.byteLength, (i + 1) * arenaInputCodec.byteLength),
    ));
    return bytes;
  };
  const send = (c: Client, type: string | number, message: unknown) => handlers.get(type)!(c, message);
  /** One tick: what takeDue hands out, as "session:seq". */
  const tick = (players: string[]) => {
    const out: string[] = [];
    intake.takeDue(new Set(players), (sessionId, input) => out.push(`${sessionId}:${input.seq}`));
    return out;
  };
  return { intake, client, packed, send, tick, sent };
}

describe("ClientIntake", () => {
  it("hands out one input per session per tick in seq order, however many wait", () => {
    const { intake, client, packed, send, tick } = setup();
    const a = client("a");
    const b = client("b");
    intake.add(a);
    intake.add(b);
    send(a, ClientMessage.InputPacked, packed(1, 2, 3));
    send(b, ClientMessage.InputPacked, packed(1));
    expect(tick(["a", "b"])).toEqual(["a:1", "b:1"]);
    expect(tick(["a", "b"])).toEqual(["a:2"]);
    // A deep queue (a client sending ahead or too fast) still gets one per tick: paced by time, not arrival.
    send(a, ClientMessage.InputPacked, packed(4, 5, 6, 7));
    expect(tick(["a", "b"])).toEqual(["a:3"]);
    expect(tick(["a", "b"])).toEqual(["a:4"]);
    // A session without a player keeps its queue for later.
    expect(tick(["b"])).toEqual([]);
    expect(tick(["a"])).toEqual(["a:5"]);
  });

  it("reports each session's last handed-out seq once per call (what the room writes to `ack`)", () => {
    const { intake, client, packed, send, tick } = setup();
    const a = client("a");
    const b = client("b");
    intake.add(a);
    intake.add(b);
    send(a, ClientMessage.InputPacked, packed(1, 2, 3, 4));
    send(b, ClientMessage.InputPacked, packed(1));
    expect(tick(["a", "b"])).toEqual(["a:1", "b:1"]);
    expect(tick(["a", "b"])).toEqual(["a:2"]);
    expect(tick(["a", "b"])).toEqual(["a:3"]);
    const acks = () => {
      const out: Record<string, number> = {};
      intake.takeAcks((sessionId, seq) => (out[sessionId] = seq));
      return out;
    };
    expect(acks()).toEqual({ a: 3, b: 1 });
    expect(acks()).toEqual({});
    tick(["a", "b"]);
    expect(acks()).toEqual({ a: 4 });
  });

  it("probes a client's round trip with its first input, measures the answer and sets each input's view floor from it", () => {
    let serverMs = 10_000;
    const { intake, client, packed, send, sent } = setup(() => serverMs);
    const a = client("a");
    intake.add(a);
    expect(sent, "no probe before the client has sent anything").toEqual([]);
    send(a, ClientMessage.InputPacked, packed(1));
    const probes = sent.filter((m) => m.type === ServerMessage.Probe);
    expect(probes).toHaveLength(1);
    expect(intake.linkOf("a")!.rttMs).toBeNull();
    send(a, ClientMessage.ProbeReply, { id: (probes[0]!.message as { id: number }).id, interpDelayMs: 80 });
    const link = intake.linkOf("a")!;
    expect(link.rttMs).not.toBeNull();
    expect(link.rttMs!).toBeLessThan(100);
    expect(link.interpDelayMs).toBe(80);
    // The next input's floor: rtt + tolerance + 2 x jitter + 80 ms behind its arrival, not the whole window.
    serverMs = 20_000;
    const seen: (ArenaInput & TickInput)[] = [];
    send(a, ClientMessage.InputPacked, packed(2));
    intake.takeDue(new Set(["a"]), (_id, input) => seen.push(input));
    intake.takeDue(new Set(["a"]), (_id, input) => seen.push(input));
    const floorMs = (seen[1]!.viewFloorTick! * 1000) / DEFAULT_TICK_ROOM_CONFIG.tickHz;
    expect(20_000 - floorMs).toBeGreaterThan(80 + DEFAULT_TICK_ROOM_CONFIG.lagCompensation.toleranceMs);
    expect(20_000 - floorMs).toBeLessThan(80 + DEFAULT_TICK_ROOM_CONFIG.lagCompensation.toleranceMs + 100);
    // A malformed answer is refused like any invalid message.
    send(a, ClientMessage.ProbeReply, { id: 1, interpDelayMs: -5 });
    expect(sent.at(-1)!.type).toBe(ServerMessage.Error);
  });

  it("refuses a wrong-sized packed message with an error reply and queues nothing from it", () => {
    const { intake, client, send, tick, sent } = setup();
    const a = client("a");
    intake.add(a);
    send(a, ClientMessage.InputPacked, new Uint8Array(arenaInputCodec.byteLength + 1));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.type).toBe(ServerMessage.Error);
    expect((sent[0]!.message as { code: ErrorCode }).code).toBe(ErrorCode.InvalidMessage);
    expect(tick(["a"])).toEqual([]);
  });

  it("forgets a removed session: its queue, its acks and its dropped count", () => {
    const { intake, client, packed, send, tick } = setup();
    const a = client("a");
    intake.add(a);
    send(a, ClientMessage.InputPacked, packed(5, 3)); // 3 after 5 is stale: dropped
    expect(intake.inputsDropped).toBe(1);
    intake.remove("a");
    expect(intake.inputsDropped).toBe(0);
    expect(tick(["a"])).toEqual([]);
    // Messages from a session the intake does not know are ignored, not queued.
    send(a, ClientMessage.InputPacked, packed(6));
    expect(tick(["a"])).toEqual([]);
  });
});
