#!/usr/bin/env node
// `npm run dev`: TypeScript in watch mode, the game server restarted on every build (node --watch),
// and Vite serving the client with hot reload. See README, "Development".
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import concurrently from "concurrently";

/**
 * The processes of `npm run dev` for environment `env`:
 * - the game server listens on `PORT` (default 2567) and is told to print Vite's URL (CLIENT_URL),
 *   not its own (which serves the last `npm run build`);
 * - a restart does not wait for players: node --watch stops the old server with SIGTERM, which
 *   normally drains for up to DRAIN_TIMEOUT_SEC (30 s); dev sets 0 unless DRAIN_TIMEOUT_SEC is
 *   given, so the rooms close at once (code 4201) and clients come back to the new process;
 * - Vite listens on `DEV_CLIENT_PORT` (default 5173, strict) and reads `PORT` to reach the server.
 */
export function devCommands(env = process.env) {
  const port = env.PORT || "2567";
  const clientPort = env.DEV_CLIENT_PORT || "5173";
  const clientUrl = `http://localhost:${clientPort}`;
  return {
    clientUrl,
    port,
    commands: [
      { name: "tsc", command: "tsc -b -w --preserveWatchOutput" },
      {
        name: "server",
        command: "node --watch server/dist/main.js",
        env: { PORT: port, DRAIN_TIMEOUT_SEC: env.DRAIN_TIMEOUT_SEC ?? "0", CLIENT_URL: clientUrl },
      },
      { name: "vite", command: "npm run dev -w client", env: { PORT: port, DEV_CLIENT_PORT: clientPort } },
    ],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { clientUrl, port, commands } = devCommands();
  // One full build first, so the server's first start finds server/dist.
  execFileSync("tsc", ["-b"], { stdio: "inherit", shell: process.platform === "win32" });
  console.log(`\n  Dev: open ${clientUrl} (Vite, hot reload). Game server on port ${port}; it restarts on every change.\n`);
  const { result } = concurrently(commands, { killOthersOn: ["failure", "success"], prefix: "name" });
  result.then(() => process.exit(0), () => process.exit(1));
}
