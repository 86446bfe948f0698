import type { Client, Room } from "@colyseus/core";
import type { ZodType } from "zod";
import {
  ClientMessage, CloseCode, ErrorCode, ServerMessage, pingSchema, type ErrorMessage, type InputCodec, type PongMessage,
} from "@arena/shared";
import { ClientGuard } from "./client-guard.js";
import type { TickRoomConfig } from "./config.js";
import { InputQueue, type InputRejection } from "./input-queue.js";
import type { Logger } from "./logger.js";
import { metrics } from "./metrics.js";
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

/**
 * Everything a client sends passes here before a room type sees it: the rate limit, validation
 * (zod schema or packed codec), seq checks into a bounded per-client input queue, clock-sync
 * pings, error replies and strikes (abusers are closed with CloseCode.Abuse). Never throws into
 * Colyseus.
 */
export class ClientIntake<I extends { seq: number }> {
  /** Pending inputs per sessionId, drained by the room's tick (takeDue). */
  private readonly queues = new Map<string, InputQueue<I>>();
  private readonly guards = new Map<string, ClientGuard>();
  /** Sessions closed for abuse: they get no reconnection seat. */
  private readonly kicked = new Set<string>();

  constructor(private readonly options: ClientIntakeOptions<I>) {}

  /** Register the message handlers on the room. */
  listen(room: Room): void {
    // Handlers are passed as methods, not per-message closures: inputs arrive 60 times a second per client.
    room.onMessage(ClientMessage.Input, (client, message) => this.receive(client, message, this.receiveInput));
    room.onMessage(ClientMessage.Ping, (client, message) => this.receive(client, message, this.receivePing));
    if (this.options.inputCodec) {
      room.onMessage(ClientMessage.InputPacked, (client, message) => this.receive(client, message, this.receivePackedInput));
    }
    room.onMessage("*", (client, type) => this.receive(client, type, this.receiveUnknown));
  }

  /** Start accepting messages from a joined client. */
  add(client: Client): void {
    const { config } = this.options;
    this.queues.set(client.sessionId, new InputQueue<I>({ capacity: config.inputQueueCapacity, maxSeqJump: config.maxSeqJump }));
    this.guards.set(client.sessionId, new ClientGuard(config.guard));
    this.treatUndecodableAsAbuse(client);
  }

  /** Forget a client that left for good. */
  remove(sessionId: string): void {
    this.queues.delete(sessionId);
    this.guards.delete(sessionId);
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
    for (const [sessionId, queue] of this.queues) {
      if (!players.has(sessionId)) continue;
      let budget = queue.length > this.options.config.inputBufferTarget ? 2 : 1;
      while (budget-- > 0) {
        const input = queue.shift();
        if (!input) break;
        apply(sessionId, input);
      }
    }
  }

  /** Inputs refused so far (stale, too far ahead, queue full), over the clients still here. */
  get inputsDropped(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.dropped;
    return n;
  }

  /**
   * Refuse a message: log it, tell the sender (error replies are rate limited), count a strike
   * (unless `strike` is false), and close the connection with CloseCode.Abuse once the strikes run out.
   */
  reject(client: Client, code: ErrorCode, message: string, strike = true): void {
    const guard = this.guards.get(client.sessionId);
    this.options.log.warn({ sessionId: client.sessionId, code }, message);
    metrics.validationFailures.inc({ code });
    if (!guard) return;
    if (guard.mayReply()) {
      const error: ErrorMessage = { code, message };
      client.send(ServerMessage.Error, error);
    }
    if (strike && guard.strike()) {
      this.options.log.warn({ sessionId: client.sessionId, rejected: guard.rejected }, "kicking abusive client");
      this.guards.delete(client.sessionId);
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
  private receive(client: Client, message: unknown, handle: (this: this, client: Client, message: unknown) => void): void {
    const guard = this.guards.get(client.sessionId);
    if (!guard) return;
    if (!guard.admit()) {
      this.reject(client, ErrorCode.RateLimited, "too many messages");
      return;
    }
    try {
      handle.call(this, client, message);
    } catch (err) {
      this.options.log.error({ err, sessionId: client.sessionId }, "message handler failed");
      this.reject(client, ErrorCode.InvalidMessage, "message could not be processed");
    }
  }

  private receiveInput(client: Client, message: unknown): void {
    const parsed = parseMessage(this.options.inputSchema, message);
    if (!parsed.ok) {
      this.reject(client, ErrorCode.InvalidMessage, `input rejected: ${parsed.reason}`);
      return;
    }
    this.enqueue(client, parsed.value);
  }

  /** One to MAX_PACKED_INPUTS records, oldest first (a client may send two ticks' inputs at once). */
  private receivePackedInput(client: Client, message: unknown): void {
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
      const reason = codec.decode(count === 1 ? bytes : bytes.subarray(i * size, (i + 1) * size), input);
      if (reason) {
        this.reject(client, ErrorCode.InvalidMessage, `input rejected: ${reason}`);
        return;
      }
      this.enqueue(client, input);
    }
  }

  private enqueue(client: Client, input: I): void {
    const rejection = this.queues.get(client.sessionId)?.push(input);
    if (rejection) {
      metrics.inputsDropped.inc();
      // A full queue means the server fell behind (a stall: every client overflows at once) or the
      // client sends faster than the tick; the rate limit already bounds the latter. Dropped and
      // counted, but no strike: a half-second stall must not kick the whole room.
      this.reject(client, INPUT_REJECTION_CODE[rejection], `input seq ${input.seq} refused (${rejection})`, rejection !== "queue-full");
    }
  }

  private receiveUnknown(client: Client, type: unknown): void {
    this.reject(client, ErrorCode.UnknownType, `unknown message type ${JSON.stringify(String(type)).slice(0, 64)}`);
  }

  private receivePing(client: Client, message: unknown): void {
    const parsed = parseMessage(pingSchema, message);
    if (!parsed.ok) {
      this.reject(client, ErrorCode.InvalidMessage, `ping rejected: ${parsed.reason}`);
      return;
    }
    const pong: PongMessage = { id: parsed.value.id, clientTimeMs: parsed.value.clientTimeMs, serverTimeMs: this.options.serverTimeMs() };
    client.send(ServerMessage.Pong, pong);
  }
}
