import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * Tests import `@arena/shared` from its TypeScript source, not from shared/dist (the package's
 * `main`), so `npx vitest run <file>` works in a clean clone without `tsc -b` first, and always
 * tests the current source. The schema classes' decorators compile the same way as under tsc:
 * the transform reads experimentalDecorators / useDefineForClassFields from tsconfig.base.json.
 * Tests that start a real server process (`node server/dist/main.js`: cluster, hardening, e2e)
 * still need `npm run build`: that process does not go through this alias.
 */
const SHARED_SRC = fileURLToPath(new URL("./shared/src/", import.meta.url));
/** `@arena/shared` (the framework's part) and `@arena/shared/games/<name>` (one game), as the package's exports map them. */
const SHARED_ALIASES = [
  { find: /^@arena\/shared\/games\/([a-z0-9]+)$/, replacement: `${SHARED_SRC}games/$1/index.ts` },
  { find: /^@arena\/shared$/, replacement: `${SHARED_SRC}index.ts` },
];

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
  resolve: { alias: SHARED_ALIASES },
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
