import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import type { ArenaState } from "@arena/shared/games/arena";
import { startServerProcess, type ServerProcess } from "../../src/tools/server-process.js";
import { loginAsGuest } from "../../../client/src/net/index.js";
import { openDescriptors, rawExchange } from "../helpers/raw-http.js";

// Real `node server/dist/main.js` processes (build first: `npx tsc -b`), attacked over raw TCP
// from this process: sockets that send half a request and then nothing, as many as a file
// descriptor limit allows. Counted by the server process's own open descriptors (/proc/<pid>/fd).

let server: ServerProcess | undefined;
const attackSockets: net.Socket[] = [];
afterEach(async () => {
  for (const socket of attackSockets.splice(0)) socket.destroy();
  await server?.stop();
  server = undefined;
});

const HALF_REQUEST = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Never-Finished: ";

/** Open `count` sockets that each send half a request, from `localAddress`; resolves when all are connected or refused. */
async function halfRequests(port: number, count: number, localAddress = "127.0.0.1"): Promise<{ sockets: net.Socket[]; closedAtMs: (number | undefined)[] }> {
  const closedAtMs: (number | undefined)[] = new Array<number | undefined>(count).fill(undefined);
  const sockets = await Promise.all(Array.from({ length: count }, (_, i) => new Promise<net.Socket>((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1", localAddress });
    attackSockets.push(socket);
    socket.on("connect", () => {
      socket.write(HALF_REQUEST);
      resolve(socket);
    });
    socket.resume(); // read whatever comes (a 408), so the server's close is seen
    socket.on("error", () => resolve(socket));
    socket.on("close", () => {
      closedAtMs[i] = Date.now();
      resolve(socket);
    });
  })));
  return { sockets, closedAtMs };
}

async function until<T>(check: () => T | undefined | false, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no result within ${timeoutMs} ms`)), timeoutMs))]);
}

describe("connections that never finish a request", () => {
  it("500 half-sent requests are all closed within the headers timeout, and the descriptors come back", async () => {
    const headersTimeoutMs = 2000;
    // A cap above the attack, so that the timeout alone has to close them.
    server = await startServerProcess({ HTTP_HEADERS_TIMEOUT_MS: String(headersTimeoutMs), HTTP_MAX_CONNECTIONS_PER_IP: "1000" }, false);
    const pid = server.child.pid!;
    const baseline = openDescriptors(pid);

    const startedMs = Date.now();
    const attack = await halfRequests(server.port, 500);
    // The server really holds them (one descriptor each) before the timeout closes them.
    const held = await until(() => { const n = openDescriptors(pid); return n >= baseline + 450 && n; }, 5000, "the server to accept the 500 sockets");
    expect(held).toBeGreaterThanOrEqual(baseline + 450);

    // Node checks for expired requests every headersTimeout/4 here: all closed by the server
    // within the timeout plus that check, the time to open them and a wide margin for a busy
    // machine (Node's defaults hold them 60-90 s).
    const marginMs = 8000;
    await until(() => attack.closedAtMs.every((t) => t !== undefined), headersTimeoutMs + marginMs, "every half-sent request to be closed");
    const lastCloseMs = Math.max(...attack.closedAtMs.map((t) => t!)) - startedMs;
    expect(lastCloseMs).toBeLessThan(headersTimeoutMs + marginMs);
    expect(Math.min(...attack.closedAtMs.map((t) => t!)) - startedMs).toBeGreaterThanOrEqual(headersTimeoutMs - 100);

    const after = await until(() => { const n = openDescriptors(pid); return n <= baseline + 2 && n; }, 3000, "descriptors back to the baseline");
    expect(after).toBeLessThanOrEqual(baseline + 2);
    expect((await fetch(`${server.httpUrl}/healthz`)).status).toBe(200);
  });

  it("a new player logs in and joins while one address holds 500 half-sent requests against a 256-descriptor limit", async () => {
    // Long timeouts: only the per-address cap (default 64) stands between the attack and the limit.
    server = await startServerProcess({ HTTP_HEADERS_TIMEOUT_MS: "60000", HTTP_REQUEST_TIMEOUT_MS: "60000" }, false, { maxOpenFiles: 256 });
    const pid = server.child.pid!;
    const baseline = openDescriptors(pid);

    // The attack comes from 127.0.0.2 (Linux routes all of 127/8 to loopback), the player from
    // 127.0.0.1: colyseus.js and fetch cannot bind a source address, raw sockets can.
    await halfRequests(server.port, 500, "127.0.0.2");
    const duringAttack = await until(() => { const n = openDescriptors(pid); return n >= baseline + 60 && n; }, 5000, "the attack to be held");
    expect(duringAttack).toBeLessThan(256);

    const player = await withTimeout((async () => {
      const login = await loginAsGuest(server!.httpUrl, "honest");
      const client = new Client(server!.wsUrl);
      client.auth.token = login.token;
      const room = await client.joinOrCreate<ArenaState>("arena");
      await until(() => room.state.players?.get(room.sessionId), 5000, "own player in the state");
      room.send("input", { seq: 1, moveX: 1, moveY: 0, aim: 0, fire: false });
      await until(() => room.state.players.get(room.sessionId)?.ack === 1, 5000, "input acked");
      return room;
    })(), 15_000, "honest player's login and join");
    // The attack was still on while the player joined: its sockets are held until the 60 s timeout.
    expect(openDescriptors(pid)).toBeGreaterThanOrEqual(baseline + 60);
    expect(openDescriptors(pid)).toBeLessThan(256);
    await player.leave();
  });
});

describe("production mode (NODE_ENV=production)", () => {
  it("logs a refused WebSocket as one short line without a stack, answers errors in JSON, and allows no other origin", async () => {
    server = await startServerProcess({ NODE_ENV: "production", LOG_LEVEL: "info" }, false);
    const { port } = server;
    const upgrade = (path: string) => rawExchange(port,
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n", { timeoutMs: 3000 });
    // A made-up room, and a made-up seat: both refused by Colyseus's transport.
    for (const path of ["/someprocess/nosuchroom?sessionId=abc", "/x/y?sessionId=&reconnectionToken=zz"]) {
      const answer = await upgrade(path);
      expect(answer.status).toBe(101);
    }
    const lines = await until(() => {
      const found = server!.output().split("\n").filter((l) => l.includes("seat reservation expired"));
      return found.length >= 2 && found;
    }, 5000, "the refusal log lines");
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      const record = JSON.parse(line) as { msg: string; level: number };
      expect(record.msg).not.toMatch(/\n|\bat /);
      expect(Buffer.byteLength(line)).toBeLessThan(300);
    }
    expect(server.output()).not.toMatch(/\\n\s+at |\n\s+at /);

    const missing = await fetch(`${server.httpUrl}/no/such/page`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: "not_found" });
    const badLogin = await fetch(`${server.httpUrl}/auth/guest`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{nope" });
    expect(badLogin.status).toBe(400);
    const text = await badLogin.text();
    expect(JSON.parse(text)).toMatchObject({ error: "invalid_message" });
    expect(text).not.toMatch(/<|\bat \w|\/work\/|node_modules/);

    // Production allows no other port of the same host (development does, for the Vite dev server).
    const preflight = await rawExchange(port,
      `OPTIONS /matchmake/joinOrCreate/arena HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:5173\r\n` +
      "Access-Control-Request-Method: POST\r\nConnection: close\r\n\r\n");
    expect(Object.keys(preflight.headers).filter((h) => h.startsWith("access-control-allow-"))).toEqual([]);
  });
});
