import net from "node:net";
import { afterEach, expect, it } from "vitest";
import { startFaultProxy, type FaultProxy } from "../../src/tools/fault-proxy.js";
import { waitFor } from "../helpers/test-server.js";

/** A TCP server on 127.0.0.1 that keeps what each connection sent, and the connections. */
async function startSink(): Promise<{ port: number; sockets: net.Socket[]; received: Buffer[][]; close(): Promise<void> }> {
  const sockets: net.Socket[] = [];
  const received: Buffer[][] = [];
  const server = net.createServer((socket) => {
    const chunks: Buffer[] = [];
    sockets.push(socket);
    received.push(chunks);
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port, sockets, received,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => resolve(socket));
    socket.once("error", reject);
  });
}

const total = (chunks: Buffer[]) => chunks.reduce((n, c) => n + c.length, 0);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(): Promise<{ sink: Awaited<ReturnType<typeof startSink>>; proxy: FaultProxy; client: net.Socket; clientGot: Buffer[] }> {
  const sink = await startSink();
  cleanups.push(() => sink.close());
  const proxy = await startFaultProxy(sink.port);
  cleanups.push(() => proxy.close());
  const client = await connect(proxy.port);
  cleanups.push(() => void client.destroy());
  client.on("error", () => undefined);
  const clientGot: Buffer[] = [];
  client.on("data", (chunk: Buffer) => clientGot.push(chunk));
  client.write("GET /proc/room42?sessionId=abc&x=1 HTTP/1.1\r\nHost: x\r\n\r\n");
  await waitFor(() => sink.sockets.length === 1 && total(sink.received[0]!) > 0, 3000, "request through the proxy");
  return { sink, proxy, client, clientGot };
}

it("forwards both ways and finds a connection by the room and session in its request line", async () => {
  const { sink, proxy, clientGot } = await setup();
  sink.sockets[0]!.write("hello");
  await waitFor(() => Buffer.concat(clientGot).toString() === "hello", 3000, "reply through the proxy");
  const [only] = proxy.connections();
  expect(proxy.connections()).toHaveLength(1);
  expect(only!.requestLine).toBe("GET /proc/room42?sessionId=abc&x=1 HTTP/1.1");
  expect(proxy.connectionOf({ roomId: "room42", sessionId: "abc" })).toBe(only);
  expect(() => proxy.connectionOf({ roomId: "room42", sessionId: "ab" })).toThrow(/no live connection/);
  expect(() => proxy.connectionOf({ roomId: "room4", sessionId: "abc" })).toThrow(/no live connection/);
  expect(only!.bytesToClient).toBe(5);
});

it("cut resets both sides at once and the connection leaves the list", async () => {
  const { sink, proxy, client } = await setup();
  proxy.connections()[0]!.cut();
  await waitFor(() => client.closed && sink.sockets[0]!.closed, 3000, "both ends closed");
  expect(proxy.connections()).toEqual([]);
});

it("a stall toward the client holds the server's bytes back until resumed, and loses none", async () => {
  const { sink, proxy, client, clientGot } = await setup();
  const link = proxy.connections()[0]!;
  link.stall("toClient");
  const serverSide = sink.sockets[0]!;
  const block = Buffer.alloc(64 * 1024, 7);
  // Write until the server's own socket holds bytes it cannot send: the kernel buffers are full.
  let written = 0;
  for (let i = 0; i < 2000 && serverSide.writableLength < 1024 * 1024; i++) {
    serverSide.write(block);
    written += block.length;
    if (i % 16 === 15) await new Promise((r) => setTimeout(r, 5));
  }
  expect(serverSide.writableLength).toBeGreaterThanOrEqual(1024 * 1024);
  const heldAt = total(clientGot);
  await new Promise((r) => setTimeout(r, 100));
  expect(total(clientGot)).toBe(heldAt);
  // The other direction still flows.
  const before = total(sink.received[0]!);
  client.write("ping");
  await waitFor(() => total(sink.received[0]!) === before + 4, 3000, "client bytes while the other way is stalled");
  link.resume("toClient");
  await waitFor(() => total(clientGot) === written, 10_000, "every held byte delivered");
  expect(Buffer.concat(clientGot).every((b) => b === 7)).toBe(true);
});
