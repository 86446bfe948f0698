import { Reflection, type Decoder } from "@colyseus/schema";
import { ClientMessage } from "@arena/shared";
import { arenaInputCodec } from "@arena/shared/games/arena";
import type { Socket } from "node:net";
import WebSocket from "ws";
import { ByteMeter } from "./wire.js";

/** Colyseus 0.16 protocol codes (first byte of every message). */
export const Code = { JoinRoom: 10, Error: 11, LeaveRoom: 12, RoomData: 13, RoomState: 14, RoomStatePatch: 15, RoomDataBytes: 17 } as const;

export interface WireClientOptions {
  /** http://host:port of the game server. */
  httpBase: string;
  /** Decode state with a reflected schema (like colyseus.js). Bots that only count bytes skip it. */
  decode: boolean;
  /** Offer permessage-deflate (browsers always do; the server decides). Default true. */
  offerDeflate?: boolean;
  /** Called after every decoded full state or patch. */
  onState?: (state: unknown, isPatch: boolean) => void;
}

/** An input as the arena and bench rooms validate it. */
export interface WireInput {
  seq: number;
  moveX: number;
  moveY: number;
  aim: number;
  fire: boolean;
}

const INPUT_TYPE = Buffer.from([0xa5, ...Buffer.from("input")]);
const PING_TYPE = Buffer.from([0xa4, ...Buffer.from("ping")]);
const PROBE_TYPE = Buffer.from([0xa5, ...Buffer.from("probe")]);
const PROBE_REPLY_TYPE = Buffer.from([0xab, ...Buffer.from("probe_reply")]);
/** What a bench client reports as its interpolation delay (a browser on a clean link: about one patch interval). */
const REPORTED_INTERP_DELAY_MS = 60;
const KEYS = Object.fromEntries(["seq", "moveX", "moveY", "aim", "fire", "id", "clientTimeMs", "interpDelayMs"].map((k) => [k, Buffer.from([0xa0 | k.length, ...Buffer.from(k)])]));

/**
 * A lightweight Colyseus 0.16 client speaking the wire protocol directly (matchmaking over HTTP,
 * then the room WebSocket): it counts every byte it receives by message type and, optionally,
 * decodes state like colyseus.js does. Inputs are msgpack written by hand, so a process can
 * drive a thousand of these.
 */
export class WireClient {
  readonly received = new ByteMeter();
  readonly patches = new ByteMeter();
  readonly sent = new ByteMeter();
  /** Size of the full state received on join (payload bytes), and its frame as read from the socket (compressed or not). */
  joinStateBytes = 0;
  joinStateWireBytes = 0;
  sessionId = "";
  roomId = "";
  decoder: Decoder | null = null;
  closed = false;
  closeCode = 0;
  private ws: WebSocket | null = null;
  /** The TCP socket under `ws` (from its public "upgrade" event: the HTTP response's socket). */
  private tcp: Socket | null = null;
  private bytesAtJoin = 0;
  private readonly pings: number[] = [];
  /** Round-trip times of answered pings, in ms. */
  readonly rttsMs: number[] = [];

  constructor(private readonly options: WireClientOptions) {}

  /** Bytes read from the TCP socket so far (compressed frames and headers included). */
  get socketBytesRead(): number {
    return this.tcp?.bytesRead ?? 0;
  }

  get state(): unknown {
    return this.decoder?.state;
  }

  /** Reserve a seat (`joinOrCreate`, `create` or `joinById`) and connect; resolves once the full state arrived. */
  async join(method: "joinOrCreate" | "create" | "joinById", roomNameOrId: string, joinOptions: object = {}, token?: string): Promise<void> {
    const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    const res = await fetch(`${this.options.httpBase}/matchmake/${method}/${roomNameOrId}`, {
      method: "POST", headers, body: JSON.stringify(joinOptions),
    });
    const body = (await res.json()) as { error?: string; code?: number; sessionId: string; room: { roomId: string; processId: string; publicAddress?: string } };
    if (body.error) throw new Error(`matchmake ${method} ${roomNameOrId}: ${body.error} (${body.code})`);
    this.sessionId = body.sessionId;
    this.roomId = body.room.roomId;
    // A room on another process (matchmaking shared through Redis) is reached at that process's public address.
    const wsBase = body.room.publicAddress ? `ws://${body.room.publicAddress}` : this.options.httpBase.replace(/^http/, "ws");
    const query = `sessionId=${body.sessionId}${token ? `&_authToken=${token}` : ""}`;
    const ws = new WebSocket(`${wsBase}/${body.room.processId}/${body.room.roomId}?${query}`, {
      perMessageDeflate: this.options.offerDeflate ?? true,
      // Client frames must be masked; an all-zero mask is legal and spares the XOR (ws skips it).
      generateMask: (mask: Buffer) => void mask.fill(0),
    });
    this.ws = ws;
    ws.on("upgrade", (response) => {
      this.tcp = response.socket;
    });
    await new Promise<void>((resolve, reject) => {
      ws.on("message", (data: Buffer) => {
        if (this.onMessage(data) === Code.RoomState) resolve();
      });
      ws.on("error", reject);
      ws.on("close", (code) => {
        this.closed = true;
        this.closeCode = code;
        reject(new Error(`socket closed (${code}) before the state arrived`));
      });
    });
  }

  /** Send one input (ROOM_DATA "input" with a msgpack map written by hand). */
  sendInput(input: WireInput): void {
    const buf = Buffer.allocUnsafe(80);
    let o = 0;
    buf[o++] = Code.RoomData;
    o += INPUT_TYPE.copy(buf, o);
    buf[o++] = 0x85;
    o += KEYS.seq!.copy(buf, o);
    buf[o++] = 0xce;
    o = buf.writeUInt32BE(input.seq >>> 0, o);
    o = writeFloat(buf, o, "moveX", input.moveX);
    o = writeFloat(buf, o, "moveY", input.moveY);
    o = writeFloat(buf, o, "aim", input.aim);
    o += KEYS.fire!.copy(buf, o);
    buf[o++] = input.fire ? 0xc3 : 0xc2;
    this.send(buf.subarray(0, o));
  }

  /** Send inputs packed as the arena's 13-byte records (ROOM_DATA_BYTES, type InputPacked), like the browser client (one per message). */
  sendPackedInput(...inputs: WireInput[]): void {
    const size = arenaInputCodec.byteLength;
    const buf = Buffer.allocUnsafe(2 + size * inputs.length);
    buf[0] = Code.RoomDataBytes;
    buf[1] = ClientMessage.InputPacked; // a positive fixint: the type number itself
    inputs.forEach((input, i) => arenaInputCodec.encode(input, buf.subarray(2 + i * size, 2 + (i + 1) * size)));
    this.send(buf);
  }

  /** Send a clock-sync ping; its round trip lands in `rttsMs` when the pong arrives. */
  sendPing(id: number): void {
    const buf = Buffer.allocUnsafe(48);
    let o = 0;
    buf[o++] = Code.RoomData;
    o += PING_TYPE.copy(buf, o);
    buf[o++] = 0x82;
    o += KEYS.id!.copy(buf, o);
    buf[o++] = 0xce;
    o = buf.writeUInt32BE(id >>> 0, o);
    o = writeFloat(buf, o, "clientTimeMs", Math.round(performance.now() * 1000) / 1000);
    this.pings.push(performance.now());
    this.send(buf.subarray(0, o));
  }

  /** Answer a `probe` whose msgpack body `{ id }` starts at `offset`. */
  private answerProbe(data: Buffer, offset: number): void {
    // A map of 1 (fixmap 0x81, or map16 0xde 0x0001 as Colyseus's msgpackr writes it), "id"
    // (3 bytes), then a positive fixint, uint8, uint16 or uint32.
    let o = offset + (data[offset] === 0xde ? 3 : 1) + KEYS.id!.length;
    const tag = data[o++]!;
    const id = tag < 0x80 ? tag : tag === 0xcc ? data.readUInt8(o) : tag === 0xcd ? data.readUInt16BE(o) : tag === 0xce ? data.readUInt32BE(o) : -1;
    if (id < 0) return;
    const buf = Buffer.allocUnsafe(48);
    o = 0;
    buf[o++] = Code.RoomData;
    o += PROBE_REPLY_TYPE.copy(buf, o);
    buf[o++] = 0x82;
    o += KEYS.id!.copy(buf, o);
    buf[o++] = 0xce;
    o = buf.writeUInt32BE(id >>> 0, o);
    o += KEYS.interpDelayMs!.copy(buf, o);
    buf[o++] = REPORTED_INTERP_DELAY_MS;
    this.send(buf.subarray(0, o));
  }

  /** Leave on purpose (consented close). */
  async leave(): Promise<void> {
    const ws = this.ws;
    if (!ws || this.closed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        ws.terminate();
        resolve();
      }, 2000);
      ws.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
      this.send(Buffer.from([Code.LeaveRoom]));
    });
  }

  /** Close the socket at once (no leave message). */
  terminate(): void {
    this.ws?.terminate();
  }

  private send(data: Buffer): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    this.sent.add(data.length);
    ws.send(data);
  }

  private onMessage(data: Buffer): number {
    const code = data[0]!;
    this.received.add(data.length);
    switch (code) {
      case Code.JoinRoom: {
        const it = { offset: 1 };
        it.offset += 1 + data[it.offset]!; // reconnection token
        it.offset += 1 + data[it.offset]!; // serializer id
        if (this.options.decode && data.length > it.offset) this.decoder = Reflection.decode(data, it);
        this.bytesAtJoin = this.socketBytesRead;
        this.send(Buffer.from([Code.JoinRoom]));
        break;
      }
      case Code.RoomState:
        this.joinStateBytes = data.length;
        // The next frame after the join ack is the full state (plus, at most, what arrived in the same read).
        this.joinStateWireBytes = this.socketBytesRead - this.bytesAtJoin;
        if (this.decoder) {
          this.decoder.decode(data, { offset: 1 });
          this.options.onState?.(this.decoder.state, false);
        }
        break;
      case Code.RoomStatePatch:
        this.patches.add(data.length);
        if (this.decoder) {
          this.decoder.decode(data, { offset: 1 });
          this.options.onState?.(this.decoder.state, true);
        }
        break;
      case Code.RoomData:
        // "probe" { id }: the server measures our round trip; answer at once, as the game client does.
        if (data.length > 1 + PROBE_TYPE.length && data.subarray(1, 1 + PROBE_TYPE.length).equals(PROBE_TYPE)) {
          this.answerProbe(data, 1 + PROBE_TYPE.length);
          break;
        }
        // "pong" (fixstr of length 4, then "pong"): pings are answered in order.
        if (data[1] === 0xa4 && data[2] === 0x70 && data[3] === 0x6f && data[4] === 0x6e && data[5] === 0x67) {
          const sentMs = this.pings.shift();
          if (sentMs !== undefined) this.rttsMs.push(performance.now() - sentMs);
        }
        break;
    }
    return code;
  }
}

function writeFloat(buf: Buffer, offset: number, key: string, value: number): number {
  let o = offset + KEYS[key]!.copy(buf, offset);
  buf[o++] = 0xcb;
  return buf.writeDoubleBE(value, o);
}
