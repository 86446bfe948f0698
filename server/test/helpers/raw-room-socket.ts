import { WebSocket } from "ws";
import { encode, decode, type Iterator } from "@colyseus/schema";
import { pack, unpack } from "@colyseus/msgpackr";

/** Colyseus 0.16's wire protocol codes this helper speaks (Protocol in @colyseus/core). */
const JOIN_ROOM = 10;
const ROOM_DATA = 13;
const ROOM_DATA_BYTES = 17;

/** A seat reservation as matchmaking or `POST /spectate/<roomId>` answers it. */
export interface RawSeat {
  room: { processId: string; roomId: string };
  sessionId: string;
}

/** A message the room sent (ROOM_DATA), decoded. */
export interface RawRoomMessage {
  type: string | number;
  message: unknown;
}

/**
 * A room socket spoken by hand (the `ws` package, Colyseus's framing and msgpack: the same bytes
 * colyseus.js sends, but nothing it would refuse to send), as a hostile or home-made client would.
 * It takes up `seat`, acknowledges the join, and keeps every ROOM_DATA message it receives.
 */
export class RawRoomSocket {
  readonly received: RawRoomMessage[] = [];
  /** The close code once the server closed the socket, else null. */
  closeCode: number | null = null;
  private constructor(private readonly ws: WebSocket) {}

  /** Connect to `ws://127.0.0.1:<port>/<processId>/<roomId>?sessionId=…` and wait for the join. */
  static async open(port: number, seat: RawSeat, timeoutMs = 5000): Promise<RawRoomSocket> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/${seat.room.processId}/${seat.room.roomId}?sessionId=${encodeURIComponent(seat.sessionId)}`);
    const socket = new RawRoomSocket(ws);
    ws.on("close", (code) => { socket.closeCode = code; });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no JOIN_ROOM from the server")), timeoutMs);
      ws.on("error", reject);
      ws.on("close", (code) => reject(new Error(`closed before joining (code ${code})`)));
      ws.on("message", (data: Buffer) => {
        if (data[0] === JOIN_ROOM) {
          clearTimeout(timer);
          ws.send(Buffer.from([JOIN_ROOM]));
          resolve();
        } else if (data[0] === ROOM_DATA) {
          const it: Iterator = { offset: 1 };
          const type = decode.stringCheck(data, it) ? decode.string(data, it) : decode.number(data, it);
          socket.received.push({ type, message: data.byteLength > it.offset ? unpack(data.subarray(it.offset)) : undefined });
        }
      });
    });
    return socket;
  }

  /** What colyseus.js's `room.send(type, message)` sends. */
  send(type: string | number, message?: unknown): void {
    this.ws.send(Buffer.concat([this.header(ROOM_DATA, type), message === undefined ? Buffer.alloc(0) : pack(message)]));
  }

  /** What colyseus.js's `room.sendBytes(type, bytes)` sends. */
  sendBytes(type: string | number, bytes: Uint8Array): void {
    this.ws.send(Buffer.concat([this.header(ROOM_DATA_BYTES, type), bytes]));
  }

  /** Messages of `type` received so far. */
  messages<T>(type: string): T[] {
    return this.received.filter((m) => m.type === type).map((m) => m.message as T);
  }

  close(): void {
    this.ws.terminate();
  }

  private header(code: number, type: string | number): Buffer {
    const bytes = Buffer.alloc(256);
    const it: Iterator = { offset: 1 };
    bytes[0] = code;
    if (typeof type === "string") encode.string(bytes, type, it);
    else encode.number(bytes, type, it);
    return bytes.subarray(0, it.offset);
  }
}
