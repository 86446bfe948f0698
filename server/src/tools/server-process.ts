import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { freePort } from "./local-net.js";
import { SERVER_NODE_FLAGS } from "./node-flags.js";

export { freePort };

/** The repository root (from server/src/tools or server/dist/tools alike). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const SERVER_MAIN = path.join(ROOT, "server/dist/main.js");
const CLIENT_INDEX = path.join(ROOT, "client/dist/index.html");

/** A real `node server/dist/main.js` child process on a free port. */
export interface ServerProcess {
  port: number;
  /** http://127.0.0.1:<port> */
  httpUrl: string;
  /** ws://127.0.0.1:<port> */
  wsUrl: string;
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** SIGINT, then SIGKILL if it has not exited within `graceMs`. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}


const running = new Set<ChildProcess>();
// Last resort: never leave a server behind when the test process itself goes away.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** How to run the process beyond its environment. */
export interface ServerProcessOptions {
  /** Open-file (descriptor) limit of the process (`ulimit -n` in a shell that then execs node, so `child.pid` is node's). */
  maxOpenFiles?: number;
  /** Listen on this port instead of a free one (e.g. to restart a server where its clients expect it). */
  port?: number;
}

/**
 * Start the built game server (which also serves the built client at `/`) and wait for
 * /healthz, for the project's own tests and benchmarks. Bots are off (BOT_FILL=0) unless `env`
 * turns them on. `needsClient` (default true): refuse to start without the built client.
 */
export async function startServerProcess(env: NodeJS.ProcessEnv = {}, needsClient = true, options: ServerProcessOptions = {}): Promise<ServerProcess> {
  for (const file of needsClient ? [SERVER_MAIN, CLIENT_INDEX] : [SERVER_MAIN]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run build\` first`);
  }
  const port = options.port ?? await freePort();
  // With the flags npm start uses, so the tests run the process as deployed.
  const nodeArgs = [...SERVER_NODE_FLAGS, SERVER_MAIN];
  const [command, args] = options.maxOpenFiles === undefined
    ? [process.execPath, nodeArgs]
    : ["/bin/sh", ["-c", `ulimit -n ${Math.floor(options.maxOpenFiles)} && exec "$0" "$@"`, process.execPath, ...nodeArgs]];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      BOT_FILL: "0",
      // A page that closes without saying goodbye frees its seat quickly.
      RECONNECT_GRACE_SEC: "3",
      // Rooms record by default; a test process would fill DATA_DIR/recordings in the repo.
      // A test of recording passes RECORD: "1" with its own RECORD_DIR.
      RECORD: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => {
    running.delete(child);
    resolve();
  }));
  const httpUrl = `http://127.0.0.1:${port}`;
  const stop = async (graceMs = 3000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGINT");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}:\n${out}`);
    const ok = await fetch(`${httpUrl}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop(0);
      throw new Error(`server did not answer /healthz within 15 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, httpUrl, wsUrl: `ws://127.0.0.1:${port}`, child, output: () => out, stop };
}
