#!/usr/bin/env node
// Run N game-server processes on one machine sharing matchmaking through Redis.
//
//   npm run start:cluster -- --procs 3 [--base-port 2567] [--public-host localhost]
//
// Without REDIS_URL, starts Debian's redis-server on a free 127.0.0.1 port in a temp dir (no
// persistence) and stops it afterwards. Process i listens on base-port + i with
// PUBLIC_ADDRESS=<public-host>:<port>, so a client matched to a room on another process connects
// to the right one. All processes share one guest-token secret, so a token issued by one is
// accepted by all: AUTH_SECRET when set, else the one every process reads from the same DATA_DIR
// (default <repo>/data/auth-secret, created by whichever starts first), which also outlives a
// restart. Ctrl-C (or SIGTERM) stops every child: servers first
// (SIGINT: close now; SIGTERM: drain), the Redis it started last. See docs/operations.md.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
// Built by `npm run build`, which the npm script runs first.
import { findRedisServer, freePort, redisPing } from "../server/dist/tools/local-net.js";
import { SERVER_NODE_FLAGS } from "../server/dist/tools/node-flags.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MAIN = path.join(ROOT, "server/dist/main.js");
const STOP_GRACE_MS = (Number(process.env.DRAIN_TIMEOUT_SEC ?? 30) + 15) * 1000;

function parseArgs(argv) {
  const opts = { procs: 2, basePort: Number(process.env.PORT ?? 2567), publicHost: process.env.PUBLIC_HOST ?? "localhost", host: process.env.HOST ?? "127.0.0.1" };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--procs" || flag === "-n") opts.procs = Number(value());
    else if (flag === "--base-port") opts.basePort = Number(value());
    else if (flag === "--public-host") opts.publicHost = value();
    else if (flag === "--host") opts.host = value();
    else if (flag === "--help" || flag === "-h") {
      console.log("usage: npm run start:cluster -- --procs N [--base-port P] [--public-host H] [--host BIND]");
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!Number.isInteger(opts.procs) || opts.procs < 1 || opts.procs > 64) throw new Error("--procs must be an integer from 1 to 64");
  if (!Number.isInteger(opts.basePort) || opts.basePort < 1 || opts.basePort + opts.procs > 65535) throw new Error("--base-port out of range");
  return opts;
}



function portIsFree(port, host) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

/** Resolves once the local Redis answers PING on `port`, or rejects after timeoutMs. */
async function waitForRedis(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await redisPing(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`redis at 127.0.0.1:${port} did not answer within ${timeoutMs} ms`);
}

/** Pipe a child's output to ours, each line prefixed with its name. */
function prefixOutput(child, name) {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) process.stdout.write(`[${name}] ${line}\n`);
    });
    stream.on("end", () => rest && process.stdout.write(`[${name}] ${rest}\n`));
  }
}

const children = [];

function startChild(name, command, args, env, cwd, detached = false) {
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached });
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const entry = { name, child, exited, stopping: false };
  children.push(entry);
  prefixOutput(child, name);
  exited.then(({ code, signal }) => {
    if (!entry.stopping) console.error(`[cluster] ${name} exited unexpectedly (code ${code}, signal ${signal})`);
  });
  return entry;
}

async function stopAll(signal) {
  const servers = children.filter((c) => c.name !== "redis");
  const redis = children.filter((c) => c.name === "redis");
  for (const group of [servers, redis]) {
    const sig = group === redis ? "SIGTERM" : signal;
    for (const c of group) {
      c.stopping = true;
      if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill(sig);
    }
    const timeout = new Promise((r) => setTimeout(r, group === redis ? 5000 : STOP_GRACE_MS));
    await Promise.race([Promise.all(group.map((c) => c.exited)), timeout]);
    for (const c of group) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill("SIGKILL");
  }
}

// Last resort if this script dies some other way: leave no orphans.
process.on("exit", () => {
  for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill("SIGKILL");
});

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm run start:cluster does)`);
  const ports = Array.from({ length: opts.procs }, (_, i) => opts.basePort + i);
  for (const port of ports) {
    if (!(await portIsFree(port, opts.host))) throw new Error(`port ${port} is in use; pick another --base-port`);
  }

  let redisUrl = process.env.REDIS_URL;
  let tmpDir = null;
  if (!redisUrl) {
    const bin = findRedisServer();
    if (!bin) throw new Error("REDIS_URL is unset and redis-server is not installed (apt-get install redis-server)");
    const port = await freePort();
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "arena-redis-"));
    // Own process group, so Ctrl-C in the terminal reaches the servers (which stop at once) but
    // not Redis, which this script stops after them: servers need it to shut down cleanly.
    const redis = startChild("redis", bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", tmpDir], process.env, tmpDir, true);
    await waitForRedis(port, 10_000);
    redisUrl = `redis://127.0.0.1:${port}`;
    console.log(`[cluster] started redis-server (pid ${redis.child.pid}) at ${redisUrl} (data in ${tmpDir}, not persisted)`);
  }
  // Relative to where the script was started, as for a single process (the children run in ROOT).
  const dataDir = process.env.DATA_DIR ? { DATA_DIR: path.resolve(process.env.DATA_DIR) } : {};
  ports.forEach((port, i) => {
    const publicAddress = `${opts.publicHost}:${port}`;
    const env = { ...process.env, PORT: String(port), HOST: opts.host, REDIS_URL: redisUrl, PUBLIC_ADDRESS: publicAddress, ...dataDir };
    startChild(`p${i + 1}`, process.execPath, [...SERVER_NODE_FLAGS, MAIN], env, ROOT);
    console.log(`[cluster] p${i + 1}: http://${publicAddress} (listening on ${opts.host}:${port})`);
  });
  console.log(`[cluster] ${opts.procs} processes sharing ${redisUrl}; Ctrl-C stops them all`);

  let stopping = false;
  const onSignal = (signal) => {
    if (stopping) {
      console.log("[cluster] second signal: killing everything now");
      for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill("SIGKILL");
      return;
    }
    stopping = true;
    console.log(`[cluster] ${signal}: stopping servers${signal === "SIGTERM" ? " (draining)" : ""}, then redis`);
    stopAll(signal === "SIGTERM" ? "SIGTERM" : "SIGINT")
      .then(() => {
        if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
        console.log("[cluster] stopped");
        process.exit(0);
      })
      .catch((err) => {
        console.error(err);
        process.exit(1);
      });
  };
  process.on("SIGINT", () => onSignal("SIGINT"));
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  process.on("SIGHUP", () => onSignal("SIGINT"));
}

main().catch((err) => {
  console.error(`[cluster] ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
  for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill("SIGKILL");
});
