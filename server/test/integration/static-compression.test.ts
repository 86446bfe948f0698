import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

/**
 * The built client is served precompressed (scripts/precompress.mjs at build time, then
 * express-static-gzip): a browser that accepts brotli gets the `.br` file, one that accepts only
 * gzip the `.gz`, anything else the file itself; each decodes to the same bytes, with the file's
 * own content type, and the page itself stays uncached.
 */
let ts: TestServer;
let dir: string;
const script = "console.log('a game');\n".repeat(400);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "static-compression-"));
  fs.mkdirSync(path.join(dir, "assets"));
  fs.writeFileSync(path.join(dir, "index.html"), `<!doctype html><title>x</title>${"<p>lobby</p>".repeat(200)}`);
  fs.writeFileSync(path.join(dir, "assets", "game.js"), script);
  fs.writeFileSync(path.join(dir, "assets", "tiny.js"), "1;");
  execFileSync(process.execPath, [path.resolve("scripts/precompress.mjs"), dir]);
  ts = await startTestServer({ clientDir: dir });
});

afterAll(async () => {
  await ts?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function get(urlPath: string, acceptEncoding?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port: ts.server.port, path: urlPath, headers: acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
  });
}

it("a script goes out as brotli, gzip or plain as the browser accepts, always the same bytes", async () => {
  const br = await get("/assets/game.js", "gzip, deflate, br");
  expect(br.status).toBe(200);
  expect(br.headers["content-encoding"]).toBe("br");
  expect(br.headers["content-type"]).toMatch(/javascript/);
  expect(br.body.length).toBeLessThan(script.length / 10);
  expect(zlib.brotliDecompressSync(br.body).toString()).toBe(script);

  const gz = await get("/assets/game.js", "gzip");
  expect(gz.headers["content-encoding"]).toBe("gzip");
  expect(zlib.gunzipSync(gz.body).toString()).toBe(script);

  const plain = await get("/assets/game.js");
  expect(plain.headers["content-encoding"]).toBeUndefined();
  expect(plain.body.toString()).toBe(script);

  // Too small to be worth compressing: sent as it is.
  const tiny = await get("/assets/tiny.js", "br");
  expect(tiny.headers["content-encoding"]).toBeUndefined();
  expect(tiny.body.toString()).toBe("1;");
});

it("the page is compressed too and still revalidated on every visit (no-cache)", async () => {
  const page = await get("/", "br");
  expect(page.status).toBe(200);
  expect(page.headers["content-encoding"]).toBe("br");
  expect(page.headers["content-type"]).toMatch(/text\/html/);
  expect(page.headers["cache-control"]).toBe("no-cache");
  expect(zlib.brotliDecompressSync(page.body).toString()).toMatch(/^<!doctype html>/);
});
