import { afterEach, describe, expect, it, vi } from "vitest";
import type { UserConfig } from "vite";
import { devCommands } from "../../scripts/dev.mjs";

/** client/vite.config.ts as Vite would resolve it under `npm run dev` with this environment. */
async function viteConfig(env: Record<string, string>): Promise<UserConfig> {
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  vi.resetModules();
  const { default: config } = await import("../vite.config.js");
  return typeof config === "function" ? await config({ command: "serve", mode: "development" }) : config;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("npm run dev respects PORT", () => {
  it("Vite proxies to the game server on PORT and tells the page that port", async () => {
    const config = await viteConfig({ PORT: "3999", DEV_CLIENT_PORT: "5299" });
    const proxy = config.server?.proxy as Record<string, string>;
    for (const path of ["/matchmake", "/auth", "/healthz"]) expect(proxy[path]).toBe("http://localhost:3999");
    expect(config.define?.["import.meta.env.VITE_GAME_SERVER_PORT"]).toBe(JSON.stringify("3999"));
    expect(config.server).toMatchObject({ port: 5299, strictPort: true });
  });

  it("refuses a PORT that is not a port, rather than proxying somewhere else", async () => {
    await expect(viteConfig({ PORT: "http" })).rejects.toThrow(/PORT must be a port number/);
  });

  it("the dev processes: the server on PORT, printing Vite's URL, restarting without a drain wait", () => {
    const { clientUrl, commands } = devCommands({ PORT: "3999", DEV_CLIENT_PORT: "5299" });
    expect(clientUrl).toBe("http://localhost:5299");
    const server = commands.find((c) => c.name === "server")!;
    expect(server.command).toBe("node --watch server/dist/main.js");
    expect(server.env).toEqual({ PORT: "3999", DRAIN_TIMEOUT_SEC: "0", CLIENT_URL: "http://localhost:5299" });
    expect(commands.find((c) => c.name === "vite")!.env).toMatchObject({ PORT: "3999", DEV_CLIENT_PORT: "5299" });
    // Defaults, and a drain bound the developer set is kept.
    const defaults = devCommands({ DRAIN_TIMEOUT_SEC: "5" });
    expect(defaults.commands.find((c) => c.name === "server")!.env).toEqual({ PORT: "2567", DRAIN_TIMEOUT_SEC: "5", CLIENT_URL: "http://localhost:5173" });
  });
});
