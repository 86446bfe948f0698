import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { JoinErrorCode } from "@arena/shared";
import type { ArenaState } from "@arena/shared/games/arena";
import { startServerProcess, type ServerProcess } from "../../src/tools/server-process.js";
import { loginAsGuest } from "../../../client/src/net/index.js";

// Issue #17: a player's guest token survives a server restart. Real `node server/dist/main.js`
// processes (build first: `npx tsc -b`) with no AUTH_SECRET and a temp DATA_DIR.

const servers: ServerProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arena-data-"));
  dirs.push(dir);
  return path.join(dir, "data");
}

async function start(dataDir: string): Promise<ServerProcess> {
  const server = await startServerProcess({ DATA_DIR: dataDir }, false);
  servers.push(server);
  return server;
}

/** Join the arena with `token`; resolves to the close code of a refusal, or "joined". */
async function tryJoin(server: ServerProcess, token: string): Promise<number | "joined"> {
  const client = new Client(server.wsUrl);
  client.auth.token = token;
  try {
    const room = await client.joinOrCreate<ArenaState>("arena");
    await room.leave();
    return "joined";
  } catch (err) {
    return (err as { code?: number }).code ?? -1;
  }
}

it("a token issued before a restart still joins after it (same DATA_DIR); a fresh DATA_DIR refuses it with 4215", async () => {
  const dataDir = tempDataDir();
  const first = await start(dataDir);
  const { token } = await loginAsGuest(first.httpUrl, "stayer");
  expect(await tryJoin(first, token)).toBe("joined");
  await first.stop();

  const restarted = await start(dataDir);
  expect(await tryJoin(restarted, token)).toBe("joined");
  expect(fs.readFileSync(path.join(dataDir, "auth-secret"), "utf8")).toMatch(/^[A-Za-z0-9_-]{43}\n$/);

  // Control: another data directory means another secret, and the same token is refused.
  const other = await start(tempDataDir());
  expect(await tryJoin(other, token)).toBe(JoinErrorCode.AuthFailed);
});

it("a malformed secret file stops the process at start with a clear message, and is left as it was", async () => {
  const dataDir = tempDataDir();
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, "auth-secret"), "too-short");
  await expect(start(dataDir)).rejects.toThrow(/exited with code 1[\s\S]*auth-secret is malformed/);
  expect(fs.readFileSync(path.join(dataDir, "auth-secret"), "utf8")).toBe("too-short");
});

it("processes starting at once on one fresh DATA_DIR share one secret (a token from one joins on the other)", async () => {
  const dataDir = tempDataDir();
  const [a, b, c] = await Promise.all([start(dataDir), start(dataDir), start(dataDir)]);
  const { token } = await loginAsGuest(a!.httpUrl, "shared");
  expect(await tryJoin(b!, token)).toBe("joined");
  expect(await tryJoin(c!, token)).toBe("joined");
  expect(fs.readdirSync(dataDir)).toEqual(["auth-secret"]);
});
