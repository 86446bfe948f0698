import type { Client, Room } from "@colyseus/core";
import type { ZodType } from "zod";
import {
  ClientMessage, CloseCode, ErrorCode, ServerMessage, pingSchema, probeReplySchema, type ErrorMessage, type InputCodec,
  type PongMessage, type ProbeMessage,
} from "@arena/shared";
import { ClientGuard } from "./client-guard.js";
import type { TickRoomConfig } from "./config.js";
import { InputQueue, type InputRejection } from "./input-queue.js";
import { earliestViewTick } from "./lag-compensation.js";
import type { Logger } from "./logger.js";
import { metrics } from "./metrics.js";
import { RoundTripMeter } from "./round-trip.js";
import { parseMessage } from "./validation.js";

/** Most packed input records one message may carry. */
const MAX_PACKED_INPUTS = 4;

const INPUT_REJECTION_CODE: Record<InputRejection, ErrorCode> = {
  stale: ErrorCode.StaleInput,
  "too-far-ahead": ErrorCode.InputTooFarAhead,
  "queue-full": ErrorCode.InputQueueFull,
};

export interface ClientIntakeOptions<I> {
  config: TickRoomConfig;
  /** Validator of the `input` message. */
  inputSchema: ZodType<I>;
  /** Decoder of `input_packed` records; null when the room type has none. */
  inputCodec: InputCodec<I> | null;
  log: Logger;
  /** The room's clock for `pong` (ms on the tick timeline). */
  serverTimeMs: () => number;
}

/** One session's intake: its input queue, its limits, its measured link, and what the tick took from it. */
interface IntakeEntry<I extends { seq: number }> {
  readonly sessionId: string;
  readonly queue: InputQueue<I>;
  /** Round trip measured by the server, and the interpolation delay the client reports. */
  readonly link: RoundTripMeter;
  /** Null once the session was kicked: its messages are ignored from then on. */
  guard: ClientGuard | null;
  /** Whether the first round-trip probe went out (with the first input). */
  probed: boolean;
  /** Seq of the last input takeDue handed out and takeAcks has not reported yet; 0 when none. */
  unreportedAck: number;
}

/**
 * Everything a client sends passes here before a room type sees it: the rate limit, validation
 * (zod schema or packed codec), seq checks into a bounded per-client input queue, clock-sync
 * pings, error replies and strikes (abusers are closed with CloseCode.Abuse). Never throws into
 * Colyseus.
 */
export class ClientIntake<I extends { seq: number; viewFloorTick?: number | undefined }> {
  /** Per-session state by sessionId (a reconnected client keeps its session's entry). */
  private readonly entries = new Map<string, IntakeEntry<I>>();
  /** The same entries as an array: the tick walks it every step. */
  private entryList: IntakeEntry<I>[] = [];
  /** Sessions closed for abuse: they get no reconnection seat. */
  private readonly kicked = new Set<string>();

  constructor(private readonly options: ClientIntakeOptions<I>) {}

  /** Register the message handlers on the room. */
  listen(room: Room): void {
    // Handlers are passed as methods, not per-message closures: inputs arrive 60 times a second per client.
    room.onMessage(ClientMessage.Input, (client, message) => this.receive(client, message, this.receiveInput));
    room.onMessage(ClientMessage.Ping, (client, message) => this.receive(client, message, this.receivePing));
    room.onMessage(ClientMessage.ProbeReply, (client, message) => this.receive(client, message, this.receiveProbeReply));
    if (this.options.inputCodec) {
      room.onMessage(ClientMessage.InputPacked, (client, message) => this.receive(client, message, this.receivePackedInput));
    }
    room.onMessage("*", (client, type) => this.receive(client, type, this.receiveUnknown));
  }

  /** Start accepting messages from a joined client. */
  add(client: Client): void {
    const { config } = this.options;
    this.remove(client.sessionId);
    const entry: IntakeEntry<I> = {
      sessionId: client.sessionId,
      queue: new InputQueue<I>({ capacity: config.inputQueueCapacity, maxSeqJump: config.maxSeqJump }),
      guard: new ClientGuard(config.guard),
      link: new RoundTripMeter(),
      probed: false,
      unreportedAck: 0,
    };
    this.entries.set(client.sessionId, entry);
    this.entryList.push(entry);
    this.treatUndecodableAsAbuse(client);
  }

  /**
   * Send a round-trip probe to each of `clients` that has none in flight (the room calls this
   * every `probeIntervalMs`; a client gets its first with its first input, when its handlers are
   * surely in place). A probe unanswered for a whole
   * interval is taken as lost: a round trip that long is far beyond what lag compensation covers.
   */
  probe(clients: Iterable<Client>): void {
    const nowMs = performance.now();
    const lostAfterMs = this.options.config.probeIntervalMs - 1;
    for (const client of clients) {
      const entry = this.entries.get(client.sessionId);
      if (!entry?.guard) continue;
      const id = entry.link.startProbe(nowMs, lostAfterMs);
      if (id === null) continue;
      const probe: ProbeMessage = { id };
      client.send(ServerMessage.Probe, probe);
    }
  }

  /** The server's measurement of a session's link (round trip, jitter, reported interpolation delay), or undefined. */
  linkOf(sessionId: string): RoundTripMeter | undefined {
    return this.entries.get(sessionId)?.link;
  }

  /** Forget a client that left for good. */
  remove(sessionId: string): void {
    if (this.entries.delete(sessionId)) this.entryList = this.entryList.filter((e) => e.sessionId !== sessionId);
    this.kicked.delete(sessionId);
  }

  /** Whether the server closed this session for abuse (no reconnection seat then). */
  wasKicked(sessionId: string): boolean {
    return this.kicked.has(sessionId);
  }

  /**
   * The inputs due this tick, in seq order: one per player with a queue, two while its queue
   * holds more than `inputBufferTarget` (a backlog after a burst drains without waiting for it).
   * Queues of sessions without a player in `players` are left alone.
   */
  takeDue(players: { has(sessionId: string): boolean }, apply: (sessionId: string, input: I) => void): void {
    const target = this.options.config.inputBufferTarget;
    for (const entry of this.entryList) {
      const queue = entry.queue;
      if (queue.length === 0 || !players.has(entry.sessionId)) continue;
      let budget = queue.length > target ? 2 : 1;
      while (budget-- > 0) {
        const input = queue.shift();
        if (!input) break;
        apply(entry.sessionId, input);
        entry.unreportedAck = input.seq;
      }
    }
  }

  /**
   * Report, once, the seq of the last input `takeDue` handed out per session since the previous
   * call (sessions with nothing new are skipped). The room writes these to the synced acks.
   */
  takeAcks(report: (sessionId: string, seq: number) => void): void {
    for (const entry of this.entryList) {
      if (entry.unreportedAck === 0) continue;
      report(entry.sessionId, entry.unreportedAck);
      entry.unreportedAck = 0;
    }
  }

  /** Inputs refused so far (stale, too far ahead, queue full), over the clients still here. */
  get inputsDropped(): number {
    let n = 0;
    for (const entry of this.entryList) n += entry.queue.dropped;
    return n;
  }

  /**
   * Refuse a message: log it, tell the sender (error replies are rate limited), count a strike
   * (unless `strike` is false), and close the connection with CloseCode.Abuse once the strikes run out.
   */
  reject(client: Client, code: ErrorCode, message: string, strike = true): void {
    const entry = this.entries.get(client.sessionId);
    const guard = entry?.guard;
    this.options.log.warn({ sessionId: client.sessionId, code }, message);
    metrics.validationFailures.inc({ code });
    if (!guard) return;
    if (guard.mayReply()) {
      const error: ErrorMessage = { code, message };
      client.send(ServerMessage.Error, error);
    }
    if (strike && guard.strike()) {
      this.options.log.warn({ sessionId: client.sessionId, rejected: guard.rejected }, "kicking abusive client");
      entry.guard = null;
      this.kicked.add(client.sessionId);
      metrics.kicks.inc();
      client.leave(CloseCode.Abuse, "too many invalid messages");
    }
  }

  /**
   * Colyseus closes a client whose message is not valid msgpack (CloseCode.UndecodableMessage)
   * itself; mark it kicked so it gets no reconnection seat.
   */
  private treatUndecodableAsAbuse(client: Client): void {
    const leave = client.leave.bind(client);
    client.leave = (code?: number, data?: string) => {
      if (code === CloseCode.UndecodableMessage) {
        this.kicked.add(client.sessionId);
        metrics.kicks.inc();
        this.options.log.warn({ sessionId: client.sessionId }, "undecodable message; closing");
      }
      leave(code, data);
    };
  }

  /** Every message passes here: rate limit, then the handler, which never throws into Colyseus. */
  private receive(client: Client, message: unknown, handle: (this: this, entry: IntakeEntry<I>, client: Client, message: unknown) => void): void {
    const entry = this.entries.get(client.sessionId);
    if (!entry?.guard) return;
    if (!entry.guard.admit()) {
      this.reject(client, ErrorCode.RateLimited, "too many messages");
      return;
    }
    try {
      handle.call(this, entry, client, message);
    } catch (err) {
      this.options.log.error({ err, sessionId: client.sessionId }, "message handler failed");
      this.reject(client, ErrorCode.InvalidMessage, "message could not be processed");
    }
  }

  private receiveInput(entry: IntakeEntry<I>, client: Client, message: unknown): void {
    const parsed = parseMessage(this.options.inputSchema, message);
    if (!parsed.ok) {
      this.reject(client, ErrorCode.InvalidMessage, `input rejected: ${parsed.reason}`);
      return;
    }
    this.enqueue(entry, client, parsed.value, 0);
  }

  /** One to MAX_PACKED_INPUTS records, oldest first (a client may send two ticks' inputs at once). */
  private receivePackedInput(entry: IntakeEntry<I>, client: Client, message: unknown): void {
    const codec = this.options.inputCodec!;
    const size = codec.byteLength;
    const count = message instanceof Uint8Array ? message.byteLength / size : 0;
    if (!Number.isInteger(count) || count < 1 || count > MAX_PACKED_INPUTS) {
      const got = message instanceof Uint8Array ? `${message.byteLength} bytes` : "not a bytes message";
      this.reject(client, ErrorCode.InvalidMessage, `input rejected: expected 1 to ${MAX_PACKED_INPUTS} records of ${size} bytes, got ${got}`);
      return;
    }
    const bytes = message as Uint8Array;
    for (let i = 0; i < count; i++) {
      const input = codec.create();
      const reason = codec.decode(bytes, input, i * size);
      if (reason) {
        this.reject(client, ErrorCode.InvalidMessage, `input rejected: ${reason}`);
        return;
      }
      // Record i of n waited (n - 1 - i) client ticks for the rest of its batch.
      this.enqueue(entry, client, input, (count - 1 - i) * this.tickMs);
    }
  }

  private get tickMs(): number {
    return 1000 / this.options.config.tickHz;
  }

  /** `batchAgeMs`: how long the input waited at the client for the rest of its message. */
  private enqueue(entry: IntakeEntry<I>, client: Client, input: I, batchAgeMs: number): void {
    const { config } = this.options;
    if (!entry.probed) {
      entry.probed = true;
      this.probe([client]);
    }
    input.viewFloorTick = earliestViewTick(this.options.serverTimeMs(), batchAgeMs, entry.link, config.lagCompensation, this.tickMs);
    const rejection = entry.queue.push(input);
    if (rejection) {
      metrics.inputsDropped.inc();
      // A full queue means the server fell behind (a stall: every client overflows at once) or the
      // client sends faster than the tick; the rate limit already bounds the latter. Dropped and
      // counted, but no strike: a half-second stall must not kick the whole room.
      this.reject(client, INPUT_REJECTION_CODE[rejection], `input seq ${input.seq} refused (${rejection})`, rejection !== "queue-full");
    }
  }

  private receiveUnknown(_entry: IntakeEntry<I>, client: Client, type: unknown): void {
    this.reject(client, ErrorCode.UnknownType, `unknown message type ${JSON.stringify(String(type)).slice(0, 64)}`);
  }

  private receiveProbeReply(entry: IntakeEntry<I>, client: Client, message: unknown): void {
    const parsed = parseMessage(probeReplySchema, message);
    if (!parsed.ok) {
      this.reject(client, ErrorCode.InvalidMessage, `probe_reply rejected: ${parsed.reason}`);
      return;
    }
    // A reply to no probe in flight is ignored (a late or repeated answer), not a strike.
    entry.link.onReply(parsed.value.id, parsed.value.interpDelayMs, performance.now());
  }

  private receivePing(_entry: IntakeEntry<I>, client: Client, message: unknown): void {
    const parsed = parseMessage(pingSchema, message);
    if (!parsed.ok) {
      this.reject(client, ErrorCode.InvalidMessage, `ping rejected: ${parsed.reason}`);
      return;
    }
    const pong: PongMessage = { id: parsed.value.id, clientTimeMs: parsed.value.clientTimeMs, serverTimeMs: this.options.serverTimeMs() };
    client.send(ServerMessage.Pong, pong);
  }
}
