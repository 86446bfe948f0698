import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["shared/test/**/*.test.ts", "server/test/**/*.test.ts", "client/test/**/*.test.ts", "test/**/*.test.ts"],
    // Each test file in its own process: Colyseus's matchmaker is a per-process singleton.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "error" },
  },
});
