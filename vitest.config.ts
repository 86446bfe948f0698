import { defineConfig } from "vitest/config";

/**
 * Suites that start browsers, several server processes, Redis or a long soak, or that block an
 * event loop on purpose (input pacing: busy waits of 500 ms, which starve whatever file runs
 * beside them, e.g. the fuzz test's tick-rate check): one at a time, after the rest.
 */
const HEAVY = [
  "test/e2e/**/*.test.ts", "server/test/cluster/**/*.test.ts", "server/test/hardening/soak.test.ts", "test/scaffold/**/*.test.ts",
  "server/test/integration/input-pacing.test.ts",
  // A 12 s flood of 16 x 85 messages a second into a server process, its log bytes counted.
  "server/test/hardening/log-budget.test.ts",
];

export default defineConfig({
  test: {
    // Each test file in its own process: Colyseus's matchmaker is a per-process singleton.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "error" },
    projects: [
      {
        extends: true,
        test: {
          name: "fast",
          include: ["shared/test/**/*.test.ts", "server/test/**/*.test.ts", "client/test/**/*.test.ts"],
          exclude: HEAVY,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "heavy",
          include: HEAVY,
          exclude: ["test/e2e/scratch/**"],
          // These measure timing and load the 2-core machines: never alongside anything else.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
