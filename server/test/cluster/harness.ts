import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Client, type Room } from "colyseus.js";
import type { ArenaState } from "@arena/shared/games/arena";
import type { ListedRoom } from "../../src/http/room-listing.js";

import { findRedisServer, freePort, redisPing } from "../../src/tools/local-net.js";
import { SERVER_NODE_FLAGS } from "../../src/tools/node-flags.js";

export { findRedisServer, freePort, redisPing };

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const MAIN = path.join(ROOT, "server/dist/main.js");
export const AUTH_SECRET = "cluster-test-secret-0123456789abcdef";
export const ADMIN = { user: "ops", password: "cluster-test-password" };



export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Poll an async check until it returns a truthy value; throws after `timeoutMs`. */
export async function until<T>(check: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs: number, what: string, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ""}`);
    await sleep(everyMs);
  }
}

/** Every child a test starts, so afterAll can kill them whatever happened. */
export class Children {
  private readonly all = new Set<ChildProcess>();
  private readonly cleanups: (() => void)[] = [];

  /** Run `fn` after the kills (e.g. remove a temp dir). */
  afterKill(fn: () => void): void {
    this.cleanups.push(fn);
  }

  track(child: ChildProcess): void {
    this.all.add(child);
    child.once("exit", () => this.all.delete(child));
  }

  /** SIGKILL everything still running and wait (bounded) for the exits. */
  async killAll(): Promise<void> {
    const waits = [...this.all].map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    }));
    await Promise.race([Promise.all(waits), sleep(5000)]);
    for (const fn of this.cleanups.splice(0)) fn();
  }
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A child process with its output kept for failure messages. */
interface Spawned {
  child: ChildProcess;
  exited: Promise<Exit>;
  output(): string;
}

function spawnTracked(children: Children, command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Spawned {
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  children.track(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<Exit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return { child, exited, output: () => lines.join("\n") };
}

export interface RedisHandle {
  port: number;
  url: string;
  /** Stop it (SIGTERM; no persistence, so its data is gone). */
  stop(): Promise<void>;
  /** Start a fresh, empty redis-server on the same port. */
  start(): Promise<void>;
}

/** A redis-server on a free 127.0.0.1 port, no persistence, in its own temp dir. */
export async function startRedis(children: Children, bin: string): Promise<RedisHandle> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arena-test-redis-"));
  children.afterKill(() => fs.rmSync(dir, { recursive: true, force: true }));
  let current: Spawned | undefined;
  const handle: RedisHandle = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      current = spawnTracked(children, bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], process.env, dir);
      const started = current;
      await until(() => redisPing(port), 10_000, `redis-server on port ${port} (output: ${started.output()})`);
    },
    async stop() {
      if (!current) return;
      const { child, exited } = current;
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
  await handle.start();
  return handle;
}


/** One real `node server/dist/main.js` process. */
export interface ServerProcess {
  name: string;
  port: number;
  /** `http://127.0.0.1:<port>`. */
  httpUrl: string;
  /** Its PUBLIC_ADDRESS: `127.0.0.1:<port>` plus an optional path. */
  publicAddress: string;
  child: ChildProcess;
  exited: Promise<Exit>;
  output(): string;
}

/** What the HTTP helpers need of a server process. */
export type Endpoint = Pick<ServerProcess, "name" | "httpUrl">;

/** Start a game-server process sharing `redisUrl` and wait until /readyz says ready. */
export async function startServer(children: Children, name: string, redisUrl: string | undefined, env: NodeJS.ProcessEnv = {}, publicPath = ""): Promise<ServerProcess> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npx tsc -b)`);
  const port = await freePort();
  const publicAddress = `127.0.0.1:${port}${publicPath}`;
  const childEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_ADDRESS: publicAddress,
    LOG_LEVEL: "warn",
    AUTH_SECRET,
    ADMIN_USER: ADMIN.user,
    ADMIN_PASSWORD: ADMIN.password,
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    // Rooms record by default: not into the repo's data/ from a test (pass RECORD and RECORD_DIR to record).
    RECORD: "0",
    ...env,
  };
  // With the flags npm start uses, so the tests run the process as deployed.
  const spawned = spawnTracked(children, process.execPath, [...SERVER_NODE_FLAGS, MAIN], childEnv, ROOT);
  const proc: ServerProcess = { name, port, httpUrl: `http://127.0.0.1:${port}`, publicAddress, ...spawned };
  await until(async () => {
    if (spawned.child.exitCode !== null) throw new Error(`${name} exited: ${spawned.output()}`);
    return (await fetch(`${proc.httpUrl}/readyz`)).status === 200;
  }, 15_000, `${name} ready`);
  return proc;
}

/** Rooms of a type as `GET /rooms/:name` on `proc` lists them. */
export async function listRooms(proc: Endpoint, name = "arena"): Promise<ListedRoom[]> {
  const res = await fetch(`${proc.httpUrl}/rooms/${name}`);
  if (!res.ok) throw new Error(`GET /rooms/${name} on ${proc.name}: ${res.status}`);
  return (await res.json()) as ListedRoom[];
}

export async function readyStatus(proc: Endpoint): Promise<number> {
  return (await fetch(`${proc.httpUrl}/readyz`)).status;
}

/** A colyseus.js client entering through `proc`, holding a guest token it got from `proc`. */
export async function clientVia(proc: Endpoint, playerName: string): Promise<Client> {
  const res = await fetch(`${proc.httpUrl}/auth/guest`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name: playerName }),
  });
  if (!res.ok) throw new Error(`guest login on ${proc.name}: ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  const client = new Client(proc.httpUrl.replace(/^http/, "ws"));
  client.auth.token = token;
  return client;
}

/** Join (joinOrCreate/create) through `proc` and wait for the own player in state. */
export async function joinVia(proc: Endpoint, playerName: string, method: "joinOrCreate" | "create" = "joinOrCreate"): Promise<Room<ArenaState>> {
  const client = await clientVia(proc, playerName);
  const room = await client[method]<ArenaState>("arena", {});
  room.onMessage("*", () => undefined);
  await until(() => room.state.players?.get(room.sessionId), 5000, `${playerName}'s own player in state`, 20);
  return room;
}

/** The process (by public address) a listed room runs on. */
export function hostOf(rooms: ListedRoom[], roomId: string): string | null | undefined {
  return rooms.find((r) => r.roomId === roomId)?.publicAddress;
}

/** Resolves true if `room` receives a state patch with a higher tick within `timeoutMs`. */
export async function stillTicking(room: Room<ArenaState>, timeoutMs = 2000): Promise<boolean> {
  const start = room.state.tick;
  try {
    await until(() => room.state.tick > start + 10, timeoutMs, "ticks", 20);
    return true;
  } catch {
    return false;
  }
}

/** A base port with `count` consecutive free ports on 127.0.0.1. */
export async function freeConsecutivePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = await freePort();
    if (base + count > 65535) continue;
    let free = true;
    for (let i = 1; i < count && free; i++) free = await portIsFree(base + i);
    if (free) return base;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
