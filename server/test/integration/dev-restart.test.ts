import { afterAll, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { CloseCode } from "@arena/shared";
import { startServerProcess, type ServerProcess } from "../../src/tools/server-process.js";
import { guestToken } from "../../src/tools/bots/guest-token.js";
import { devCommands } from "../../../scripts/dev.mjs";

let server: ServerProcess | null = null;
afterAll(async () => {
  await server?.stop(0);
});

/**
 * `npm run dev` restarts the server with node --watch, which stops the old process with SIGTERM
 * and waits for it to exit. A production server drains for up to DRAIN_TIMEOUT_SEC (30 s) while
 * players are seated; the dev server's environment must let it go at once.
 */
it("the dev server stops at once on SIGTERM (a node --watch restart) even with a player seated", async () => {
  const { PORT: _ignored, ...devEnv } = devCommands({}).commands.find((c) => c.name === "server")!.env!;
  server = await startServerProcess({ ...devEnv, LOG_LEVEL: "warn" }, false);
  const client = new Client(server.wsUrl);
  client.auth.token = await guestToken(server.httpUrl, "dev");
  const room = await client.joinOrCreate("arena");
  const left = new Promise<number>((resolve) => room.onLeave((code) => resolve(code)));
  const exited = new Promise<number | null>((resolve) => server!.child.once("exit", (code) => resolve(code)));

  const sentAt = Date.now();
  server.child.kill("SIGTERM");
  const exitCode = await exited;
  const tookMs = Date.now() - sentAt;
  console.log(`[dev restart] exited ${tookMs} ms after SIGTERM`);
  // The drain a production server would do lasts 30 s; shutting down itself takes well under a second.
  expect(tookMs).toBeLessThan(8000);
  expect(exitCode).toBe(0);
  expect(await left).toBe(CloseCode.ServerShutdown);
});
