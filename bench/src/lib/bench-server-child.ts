import { fileURLToPath } from "node:url";
import { SERVER_NODE_FLAGS } from "@arena/server/tools/node-flags.js";
import type { BenchServerConfig, ChildMessage, ParentMessage, ServerStats } from "../server/bench-server.js";
import { Child } from "./child.js";

const SCRIPT = fileURLToPath(new URL("../server/bench-server.js", import.meta.url));

/** The game server under test, in its own process (optionally pinned to one core). */
export class BenchServer {
  private constructor(private readonly child: Child<ParentMessage, ChildMessage>, readonly port: number) {}

  /** `env`: extra environment (e.g. REDIS_URL and PUBLIC_ADDRESS to share matchmaking with other processes). */
  static async start(config: BenchServerConfig, pinCore?: number, env?: Record<string, string>): Promise<BenchServer> {
    // The game server's own Node flags (npm start's), so the bench measures the process as deployed.
    const child = new Child<ParentMessage, ChildMessage>(SCRIPT, config, { pinCore, env, nodeArgs: SERVER_NODE_FLAGS });
    const ready = await child.next("ready", 30_000);
    return new BenchServer(child, ready.port);
  }

  get httpBase(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Measurements since the last reset; `reset` starts a new window. */
  async stats(reset = true): Promise<ServerStats> {
    return (await this.child.request({ type: "stats", reset }, "stats")).stats;
  }

  stop(): Promise<void> {
    return this.child.stop({ type: "stop" });
  }
}
