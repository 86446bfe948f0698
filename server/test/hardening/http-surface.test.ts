import type net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guestIdentityProvider } from "../../src/framework/index.js";
import { rawExchange, type RawAnswer } from "../helpers/raw-http.js";
import { startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

// Raw HTTP against a real in-process server: what a hostile or careless client can send that
// fetch and colyseus.js never would. Short timeouts here so the timeout test is quick; the
// defaults are in docs/operations.md (Limits).
const HEADERS_TIMEOUT_MS = 600;
const REQUEST_TIMEOUT_MS = 1200;
const MAX_BODY_BYTES = 4096;
const ALLOWED_PAGE = "https://play.example.com";

let ts: TestServer;
let port: number;
let host: string;
beforeAll(async () => {
  ts = await startTestServer({
    httpLimits: { headersTimeoutMs: HEADERS_TIMEOUT_MS, requestTimeoutMs: REQUEST_TIMEOUT_MS, maxBodyBytes: MAX_BODY_BYTES },
    cors: { allowedOrigins: new Set([ALLOWED_PAGE]), allowSameHostAnyPort: false },
  });
  port = ts.server.port;
  host = `127.0.0.1:${port}`;
});
afterAll(async () => {
  await ts?.close();
});

const token = () => guestIdentityProvider().issue("raw").token;
const rooms = async () => ((await (await fetch(`http://${host}/healthz`)).json()) as { rooms: number }).rooms;

/** A JSON error body `{ error: code, message }` with no stack trace, file path or HTML in it. */
function expectJsonError(answer: RawAnswer, status: number, code: string): void {
  expect(answer.status, answer.raw.slice(0, 300)).toBe(status);
  expect(answer.headers["content-type"]).toMatch(/^application\/json/);
  expect(JSON.parse(answer.body)).toMatchObject({ error: code, message: expect.any(String) });
  expect(answer.body).not.toMatch(/<|\bat \w|\/work\/|node_modules|\.js:\d/);
}

describe("methods", () => {
  it("answers PUT, DELETE, PATCH and HEAD on /matchmake, and PUT elsewhere, with 405 JSON at once", async () => {
    const cases = [
      ["PUT", "/matchmake/joinOrCreate/arena"],
      ["DELETE", "/matchmake/create/arena"],
      ["PATCH", "/matchmake/join/arena"],
      ["HEAD", "/matchmake/joinOrCreate/arena"],
      ["PUT", "/healthz"],
      ["DELETE", "/rooms/arena"],
    ] as const;
    const answers = await Promise.all(cases.map(([method, path]) =>
      rawExchange(port, `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`, { timeoutMs: 3000 })));
    for (const [i, answer] of answers.entries()) {
      const [method] = cases[i]!;
      expect(answer.status, `${cases[i]!.join(" ")}: ${answer.raw.slice(0, 200)}`).toBe(405);
      expect(answer.headers.allow).toBeDefined();
      if (method !== "HEAD") expectJsonError(answer, 405, "method_not_allowed");
      expect(answer.closedByServer || answer.headers.connection === "close").toBe(true);
    }
    expect(await rooms()).toBe(0);
  });
});

describe("bodies", () => {
  it("refuses a 10 MB matchmaking or login body with 413 JSON after its first kilobyte", async () => {
    for (const path of ["/matchmake/joinOrCreate/arena", "/auth/guest"]) {
      const answer = await rawExchange(port,
        `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${token()}\r\nContent-Type: application/json\r\n` +
        `Content-Length: 10000000\r\n\r\n{"name":"${"x".repeat(1000)}`, { timeoutMs: 3000 });
      // Only ~1 KB of the 10 MB was ever sent: the answer came without waiting for the rest.
      expect(answer.bytesSent).toBeLessThan(2000);
      expectJsonError(answer, 413, "body_too_large");
      expect(answer.closedByServer || answer.headers.connection === "close").toBe(true);
    }
    expect(await rooms()).toBe(0);
  });

  it("refuses a chunked matchmaking body once it passes the limit, and never matchmakes it", async () => {
    const chunk = `400\r\n${"a".repeat(1024)}\r\n`; // 1 KB chunks, no Content-Length
    const answer = await rawExchange(port,
      `POST /matchmake/joinOrCreate/arena HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${token()}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      {
        timeoutMs: 3000,
        // Up to 256 KB, a chunk at a time, stopping as soon as an answer arrives.
        feed: async (socket: net.Socket, answered) => {
          for (let i = 0; i < 256 && !answered() && !socket.destroyed; i++) {
            socket.write(chunk);
            await new Promise((r) => setTimeout(r, 5));
          }
        },
      });
    expectJsonError(answer, 413, "body_too_large");
    expect(answer.bytesSent).toBeLessThan(64 * 1024);
    expect(await rooms()).toBe(0);
  });

  it("answers bad JSON and unknown paths with JSON errors, never HTML or stack traces", async () => {
    const login = await rawExchange(port, `POST /auth/guest HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{"name":x`);
    expectJsonError(login, 400, "invalid_message");
    const missing = await rawExchange(port, `GET /no/such/page HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expectJsonError(missing, 404, "not_found");
    // Matchmaking errors keep Colyseus's shape (colyseus.js reads it): JSON, no stack either.
    const matchmake = await rawExchange(port,
      `POST /matchmake/joinOrCreate/arena HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 9\r\nConnection: close\r\n\r\n{"name":x`);
    expect(matchmake.raw).toMatch(/"error":/);
    expect(matchmake.raw).not.toMatch(/<|\bat \w|\/work\/|node_modules|\.js:\d/);
  });
});

describe("timeouts", () => {
  it("closes half-sent requests and unfinished bodies after the timeouts, but not a joined player's WebSocket", async () => {
    const player = await ts.client("stays").joinOrCreate("arena");
    const startMs = Date.now();
    const [halfHeaders, silent, slowBody] = await Promise.all([
      rawExchange(port, `GET /healthz HTTP/1.1\r\nHost: ${host}\r\nX-Slow: `, { timeoutMs: 5000 }),
      rawExchange(port, "", { timeoutMs: 5000 }),
      rawExchange(port, `POST /auth/guest HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`, { timeoutMs: 5000 }),
    ]);
    const elapsedMs = Date.now() - startMs;
    for (const answer of [halfHeaders, silent, slowBody]) {
      expect(answer.closedByServer).toBe(true);
      expect(answer.status).toBe(408);
    }
    // Longer than both timeouts, yet the player's socket (upgraded before) is still served.
    expect(elapsedMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS);
    player.send("input", { seq: 1, moveX: 1, moveY: 0, aim: 0, fire: false });
    await waitFor(() => (player.state as { players: Map<string, { ack: number }> }).players.get(player.sessionId)?.ack === 1, 3000, "input acked after the timeouts");
    await player.leave();
  });
});

describe("CORS", () => {
  const preflight = (origin: string) => rawExchange(port,
    `OPTIONS /matchmake/joinOrCreate/arena HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${origin}\r\nAccess-Control-Request-Method: POST\r\n` +
    `Access-Control-Request-Headers: authorization, content-type\r\nConnection: close\r\n\r\n`);
  const post = (path: string, origin: string, body: string) => rawExchange(port,
    `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${origin}\r\nAuthorization: Bearer ${token()}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
  const allowHeaders = (answer: RawAnswer) => Object.keys(answer.headers).filter((name) => name.startsWith("access-control-allow-"));

  it("gives a foreign origin no allow headers, on matchmaking and on login", async () => {
    for (const origin of ["http://evil.example", `http://127.0.0.1:${port + 1}`, "null"]) {
      const answer = await preflight(origin);
      expect(answer.status).toBe(204);
      expect(allowHeaders(answer), origin).toEqual([]);
      expect(allowHeaders(await post("/auth/guest", origin, "{}")), origin).toEqual([]);
    }
    const matchmake = await post("/matchmake/create/arena", "http://evil.example", "{}");
    expect(allowHeaders(matchmake)).toEqual([]);
  });

  it("lets the game's own origin and a CORS_ORIGINS page matchmake and log in, with their exact origin", async () => {
    for (const origin of [`http://${host}`, ALLOWED_PAGE]) {
      const answer = await preflight(origin);
      expect(answer.status).toBe(204);
      expect(answer.headers["access-control-allow-origin"]).toBe(origin);
      expect(answer.headers["access-control-allow-credentials"]).toBe("true");
      expect(answer.headers["access-control-allow-methods"]).toMatch(/POST/);
      expect(answer.headers["access-control-allow-headers"]?.toLowerCase()).toMatch(/authorization/);
      const login = await post("/auth/guest", origin, '{"name":"cors"}');
      expect(login.status).toBe(200);
      expect(login.headers["access-control-allow-origin"]).toBe(origin);
      const created = await post("/matchmake/joinOrCreate/arena", origin, "{}");
      expect(created.headers["access-control-allow-origin"]).toBe(origin);
      expect(created.body).toMatch(/"sessionId"/);
    }
  });
});
