import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";

/** One secret per bench run: the server child verifies, the parent and bot processes sign guest tokens. */
export const BENCH_AUTH_SECRET = process.env.AUTH_SECRET && process.env.AUTH_SECRET.length >= 16
  ? process.env.AUTH_SECRET
  : randomBytes(24).toString("hex");
process.env.AUTH_SECRET = BENCH_AUTH_SECRET;

const children = new Set<ChildProcess>();

/** Have `killChildren` kill a child started elsewhere (e.g. a redis-server) too. */
export function trackChild(proc: ChildProcess): void {
  children.add(proc);
  proc.once("exit", () => children.delete(proc));
}

/** Kill every child still running (on exit, Ctrl-C or a failed scenario). */
export function killChildren(): void {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  children.clear();
}
process.on("exit", killChildren);
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    killChildren();
    process.exit(130);
  });
}

let tasksetChecked: boolean | null = null;

/** True when util-linux `taskset` runs here and this machine has at least `cores` CPUs to pin to. */
export function canPin(cores: number): boolean {
  if (tasksetChecked === null) tasksetChecked = spawnSync("taskset", ["-c", "0", "true"]).status === 0;
  return tasksetChecked && availableParallelism() >= cores;
}

/**
 * A Node child process running `script` with `config` (argv[2], JSON), talking over IPC:
 * `request` sends a message and resolves with the next reply of the expected type.
 */
export class Child<Req extends { type: string }, Res extends { type: string }> {
  private readonly waiting: { type: string; resolve: (m: Res) => void }[] = [];
  private readonly proc: ChildProcess;
  readonly exited: Promise<number | null>;

  /** `nodeArgs`: Node flags for this child (the game server's, for the server under test). */
  constructor(script: string, config: object, options: { pinCore?: number; env?: Record<string, string>; nodeArgs?: readonly string[] } = {}) {
    // BENCH_NODE_ARGS: extra Node flags for the children (e.g. --cpu-prof to profile the server).
    const extra = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(" ").filter(Boolean) : [];
    const node = [process.execPath, ...(options.nodeArgs ?? []), ...extra, script, JSON.stringify(config)];
    const [cmd, ...args] = options.pinCore !== undefined ? ["taskset", "-c", String(options.pinCore), ...node] : node;
    this.proc = spawn(cmd!, args, {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: { ...process.env, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "error", AUTH_SECRET: BENCH_AUTH_SECRET, ...options.env },
    });
    children.add(this.proc);
    this.exited = new Promise((resolve) => this.proc.once("exit", (code) => {
      children.delete(this.proc);
      resolve(code);
    }));
    this.proc.on("message", (m: Res) => {
      const i = this.waiting.findIndex((w) => w.type === m.type);
      if (i >= 0) this.waiting.splice(i, 1)[0]!.resolve(m);
    });
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  /** Wait for a message of `type` (without sending anything). */
  next<T extends Res["type"]>(type: T, timeoutMs = 60_000): Promise<Extract<Res, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`child ${this.proc.pid}: no "${type}" within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.push({
        type,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as Extract<Res, { type: T }>);
        },
      });
    });
  }

  request<T extends Res["type"]>(message: Req, replyType: T, timeoutMs?: number): Promise<Extract<Res, { type: T }>> {
    const reply = this.next(replyType, timeoutMs);
    this.proc.send(message);
    return reply;
  }

  /** Ask politely (`stop` message), then kill after `graceMs`. */
  async stop(stopMessage: Req, graceMs = 5000): Promise<void> {
    if (this.proc.exitCode !== null) return;
    if (this.proc.connected) this.proc.send(stopMessage);
    const timer = setTimeout(() => this.proc.kill("SIGKILL"), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
