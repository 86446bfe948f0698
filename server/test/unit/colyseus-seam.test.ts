import http from "node:http";
import type { AddressInfo } from "node:net";
import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { Room, Server, matchMaker, type AuthContext, type Client } from "@colyseus/core";
import { Decoder, Encoder, MapSchema, Schema, defineTypes } from "@colyseus/schema";
import { WebSocketClient, WebSocketTransport } from "@colyseus/ws-transport";
import { CloseCode } from "@arena/shared";
import {
  ColyseusSeamError, TESTED_VERSIONS, beforeSeatReclaim, encodeStateInFull, checkColyseusInternals, checkColyseusVersions, expectMembers, gateRequestsBeforeColyseus,
  installedColyseusVersions, isMatchmakeUrl, observeServerClose, redisDriverConnection, replaceMatchmakeCors, roomEncoder, tcpSocketOf,
  versionInRange, withEncoderBufferSize,
} from "../../src/framework/colyseus/index.js";

class SeamState extends Schema {}
defineTypes(SeamState, { n: "number" });
class SeamRoom extends Room<SeamState> {}
class SeamItem extends Schema {}
defineTypes(SeamItem, { name: "string" });
class SeamTree extends Schema {}
defineTypes(SeamTree, { n: "number", items: { map: SeamItem } });

describe("Colyseus seam: start-up check", () => {
  it("the installed versions are the tested ones, and every internal is there", () => {
    const installed = installedColyseusVersions();
    for (const [name, range] of Object.entries(TESTED_VERSIONS)) expect(versionInRange(installed[name as keyof typeof installed], range), name).toBe(true);
    expect(() => checkColyseusVersions()).not.toThrow();
    expect(() => checkColyseusInternals()).not.toThrow();
  });

  it("refuses an untested version, naming the package and the tested range", () => {
    const installed = { ...installedColyseusVersions(), "@colyseus/core": "0.17.3" };
    expect(() => checkColyseusVersions(installed)).toThrow(/@colyseus\/core 0\.17\.3 \(tested: >= 0\.16\.26 and < 0\.17\.0\)/);
    expect(versionInRange("0.16.25", TESTED_VERSIONS["@colyseus/core"])).toBe(false);
    expect(versionInRange("3.0.80", TESTED_VERSIONS["@colyseus/schema"])).toBe(true);
  });

  it("a probe of an object missing a member fails naming that member", () => {
    expect(() => expectMembers("Room", { reservedSeats: {} }, { _onJoin: "function", reservedSeats: "object" })).toThrow(ColyseusSeamError);
    expect(() => expectMembers("Room", { reservedSeats: {} }, { _onJoin: "function" })).toThrow(/Room\._onJoin is missing, expected function/);
    expect(() => expectMembers("Encoder", { BUFFER_SIZE: "8192" }, { BUFFER_SIZE: "number" })).toThrow(/Encoder\.BUFFER_SIZE is string/);
  });
});

describe("Colyseus seam: each internal does what it claims on the installed Colyseus", () => {
  it("tcpSocketOf: the net.Socket under a ws connection; none for a socketless (bot) client", async () => {
    const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise((resolve) => wss.once("listening", resolve));
    const accepted = new Promise<WebSocket>((resolve) => wss.once("connection", resolve));
    const peer = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
    const serverSide = await accepted;
    await new Promise((resolve) => (peer.readyState === WebSocket.OPEN ? resolve(undefined) : peer.once("open", resolve)));
    try {
      const socket = tcpSocketOf(new WebSocketClient("s1", serverSide) as unknown as Client);
      expect(socket).toBeDefined();
      expect(typeof socket!.cork).toBe("function");
      expect(socket!.writableLength).toBe(0);
      expect(tcpSocketOf({ ref: new EventEmitter() } as unknown as Client)).toBeUndefined();
    } finally {
      peer.terminate();
      await new Promise((resolve) => wss.close(resolve));
    }
  });

  it("observeServerClose: sees Colyseus close a client with the code, and the close still happens", () => {
    const closes: (number | undefined)[] = [];
    const client = new WebSocketClient("s1", { close: (code?: number) => closes.push(code), readyState: 1 } as never) as unknown as Client;
    let observed = 0;
    observeServerClose(client, CloseCode.UndecodableMessage, () => observed++);
    // What Room._onMessage does with a ROOM_DATA message whose payload is not msgpack.
    const room = new SeamRoom();
    const internals = room as unknown as { _onMessage(client: Client, buffer: Buffer): void; onMessage: Room["onMessage"] };
    room.onMessage("*", () => undefined);
    // Colyseus logs the undecodable message itself (its default logger is the console): caught here, not printed.
    const printed = vi.spyOn(console, "error").mockImplementation(() => undefined);
    let logged = "";
    try {
      internals._onMessage(client, Buffer.from([13, 1, 0x61, 0xc1]));
      logged = printed.mock.calls.flat().join(" ");
    } finally {
      printed.mockRestore();
    }
    expect(logged).toMatch(/end of buffer not reached/);
    client.leave(4000);
    room.clock.clear();
    expect(closes).toEqual([CloseCode.UndecodableMessage, 4000]);
    expect(observed).toBe(1);
  });

  it("roomEncoder: the schema Encoder behind a room's state, with its shared buffer", () => {
    const room = new SeamRoom();
    (room as unknown as { __init(): void }).__init();
    room.state = new SeamState();
    const encoder = roomEncoder(room);
    expect(encoder).toBeInstanceOf(Encoder);
    expect(Buffer.isBuffer(encoder!.sharedBuffer)).toBe(true);
    room.clock.clear();
  });

  it("encodeStateInFull: the room's whole state as a copy, without touching the shared patch buffer; the public clone path without an encoder", () => {
    const room = new SeamRoom() as unknown as Room<SeamTree>;
    (room as unknown as { __init(): void }).__init();
    const state = new SeamTree() as SeamTree & { n: number; items: MapSchema<SeamItem & { name: string }> };
    state.items = new MapSchema();
    state.n = 2.5;
    for (const name of ["b", "a", "c"]) state.items.set(name, Object.assign(new SeamItem(), { name: name.repeat(3) }) as SeamItem & { name: string });
    room.state = state;
    const shared = roomEncoder(room)!.sharedBuffer;
    const sharedBefore = Buffer.from(shared);
    const decode = (bytes: Uint8Array): unknown => {
      const fresh = new SeamTree();
      new Decoder(fresh).decode(Buffer.from(bytes));
      return fresh.toJSON();
    };
    const bytes = encodeStateInFull(room);
    expect(bytes.buffer).not.toBe(shared.buffer);
    expect(Buffer.from(shared).equals(sharedBefore)).toBe(true);
    expect(decode(bytes)).toEqual({ n: 2.5, items: { b: { name: "bbb" }, a: { name: "aaa" }, c: { name: "ccc" } } });
    expect(Object.keys((decode(bytes) as { items: object }).items)).toEqual(["b", "a", "c"]);
    // A state bigger than the buffer: encoded whole all the same (the next call gets a bigger buffer).
    const big = "x".repeat(100_000);
    state.items.get("a")!.name = big;
    const bigBytes = encodeStateInFull(room);
    expect((decode(bigBytes) as { items: { a: { name: string } } }).items.a.name).toBe(big);
    expect(decode(encodeStateInFull(room))).toEqual(decode(bigBytes));
    // Without the room's encoder (the internal gone), the same bytes from a clone.
    const bare = { state } as unknown as Room;
    expect(decode(encodeStateInFull(bare))).toEqual(decode(bigBytes));
    room.clock.clear();
  });

  it("withEncoderBufferSize: encoders made inside start with the larger buffer; the default is restored", () => {
    const before = Encoder.BUFFER_SIZE;
    const inside = withEncoderBufferSize(before * 4, () => new Encoder(new SeamState()));
    expect(inside.sharedBuffer.byteLength).toBe(before * 4);
    expect(Encoder.BUFFER_SIZE).toBe(before);
    expect(() => withEncoderBufferSize(before * 2, () => { throw new Error("x"); })).toThrow("x");
    expect(Encoder.BUFFER_SIZE).toBe(before);
  });

  it("beforeSeatReclaim: checks a socket taking a held seat against the holder's auth; ordinary joins pass", async () => {
    const room = new SeamRoom();
    const seated: string[] = [];
    const internals = room as unknown as { reservedSeats: Record<string, unknown>; _onJoin(client: Client, context: AuthContext): Promise<void> };
    internals._onJoin = async (client) => { seated.push(client.sessionId); };
    const checked: unknown[] = [];
    beforeSeatReclaim(room, async (held, context) => {
      checked.push(held);
      if (context.token !== "owner") throw new Error("not yours");
    });
    internals.reservedSeats.fresh = [{}, { id: "new" }, false, false];
    internals.reservedSeats.held = [{}, { id: "ann" }, true, true];
    await internals._onJoin({ sessionId: "fresh" } as Client, { token: "x" } as AuthContext);
    await expect(internals._onJoin({ sessionId: "held" } as Client, { token: "thief" } as AuthContext)).rejects.toThrow("not yours");
    await internals._onJoin({ sessionId: "held" } as Client, { token: "owner" } as AuthContext);
    expect(checked).toEqual([{ id: "ann" }, { id: "ann" }]);
    expect(seated).toEqual(["fresh", "held"]);
    room.clock.clear();
  });

  it("isMatchmakeUrl and replaceMatchmakeCors: Colyseus's route test and its CORS hooks", () => {
    expect(isMatchmakeUrl("/matchmake/joinOrCreate/arena")).toBe(true);
    expect(isMatchmakeUrl("/api/rooms")).toBe(false);
    replaceMatchmakeCors(() => ({ "Access-Control-Allow-Origin": "https://game.example" }));
    const controller = matchMaker.controller as unknown as { DEFAULT_CORS_HEADERS: object; getCorsHeaders(req: http.IncomingMessage): object };
    expect(controller.DEFAULT_CORS_HEADERS).toEqual({});
    expect(controller.getCorsHeaders({} as http.IncomingMessage)).toEqual({ "Access-Control-Allow-Origin": "https://game.example" });
  });

  it("gateRequestsBeforeColyseus: after new Server(), the gate sees matchmaking requests before Colyseus does", async () => {
    const httpServer = http.createServer((_req, res) => res.end("app"));
    new Server({ transport: new WebSocketTransport({ server: httpServer }), greet: false });
    const seen: string[] = [];
    gateRequestsBeforeColyseus(httpServer, (req, res) => {
      seen.push(req.url ?? "");
      if (!req.url?.includes("blocked")) return true;
      res.writeHead(403).end("gate");
      return false;
    });
    await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
    const port = (httpServer.address() as AddressInfo).port;
    const get = (path: string, method = "GET") => new Promise<{ status: number; body: string }>((resolve, reject) => {
      http.request({ host: "127.0.0.1", port, path, method, headers: { Connection: "close" } }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      }).on("error", reject).end();
    });
    try {
      expect(await get("/matchmake/blocked", "OPTIONS")).toEqual({ status: 403, body: "gate" });
      expect((await get("/matchmake/joinOrCreate/x", "OPTIONS")).status).toBe(204);
      expect(await get("/other")).toEqual({ status: 200, body: "app" });
      expect(seen).toEqual(["/matchmake/blocked", "/matchmake/joinOrCreate/x", "/other"]);
    } finally {
      await new Promise((resolve) => httpServer.close(resolve));
    }
  });

  it("redisDriverConnection: the driver's connection, or an error naming the member", () => {
    const connection = new EventEmitter();
    expect(redisDriverConnection({ _client: connection })).toBe(connection);
    expect(() => redisDriverConnection({})).toThrow(/RedisDriver\._client/);
  });
});
