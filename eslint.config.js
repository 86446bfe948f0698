import js from "@eslint/js";
import tseslint from "typescript-eslint";

const NO_ONLY = { selector: "CallExpression[callee.object.name='describe'][callee.property.name='only'], CallExpression[callee.object.name='it'][callee.property.name='only'], CallExpression[callee.object.name='test'][callee.property.name='only']", message: "no .only in committed tests" };

/**
 * Where predicted steps live (the code a client replays to predict, bit for bit, what the server
 * computes): every game's sim folder, today shared/src/sim/**, after the one-folder-per-game move
 * shared/src/games/<game>/sim/** or a file named *sim*, *movement* or *step* in the game's folder.
 */
const STEP_CODE = ["shared/src/sim/**/*.ts", "shared/src/games/*/sim/**/*.ts", "shared/src/games/*/*{sim,movement,step}*.ts"];
/** Sim files that only the server runs (no client predicts with them), so they may use any Math. */
const SERVER_ONLY_SIM = [
  // traceShot: the server's hit test; the client calls it only to draw a tracer, never in a predicted step.
  "shared/src/sim/arena/combat.ts",
  // pickSpawnPoint: the server picks spawns; clients read the result from the state.
  "shared/src/sim/arena/spawn.ts",
];
const INEXACT_MATH = ["pow", "exp", "expm1", "log", "log1p", "log2", "log10", "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "cbrt", "hypot"];
const INEXACT_WHY = "engines round it differently in the last bits (ECMAScript pins only + - * /, Math.sqrt and the rounding functions), so a Firefox or Safari player would mispredict. Use exact operations in a predicted step; precompute other constants once per rate with shared/src/sim/exact-math.ts (docs/writing-a-room-type.md, Deterministic math).";

/** Game code the framework (server/src/framework, client/src/net) must not import: it runs any game. */
const GAME_CODE = [
  { group: ["**/rooms", "**/rooms/**"], message: "The framework must not import room types (game code)." },
  { group: ["**/game/**", "**/games/**", "**/tools/bots/**"], message: "The framework must not import game code." },
  { group: ["**/sim/*/**", "**/schema/arena*", "**/schema/tag*", "**/protocol/tag-*"], message: "The framework must not import a game's shared sim, schema or protocol." },
];

export default tseslint.config(
  { ignores: ["docs/api/**", "**/dist/**", "**/.tsbuild/**", "**/.tsbuild-test/**", "**/node_modules/**", "test-artifacts/**", "bench-results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: "readonly", process: "readonly", performance: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", window: "readonly", document: "readonly", URL: "readonly", URLSearchParams: "readonly", WebSocket: "readonly", requestAnimationFrame: "readonly", Buffer: "readonly" } },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": ["error", NO_ONLY],
    },
  },
  {
    files: ["server/src/framework/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: GAME_CODE }] },
  },
  {
    files: ["shared/src/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { paths: [{ name: "phaser", message: "net/ and shared/ stay Phaser-free." }] }] },
  },
  {
    files: ["client/src/net/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { paths: [{ name: "phaser", message: "net/ and shared/ stay Phaser-free." }], patterns: GAME_CODE }] },
  },
  {
    // Predicted steps: exact operations only (tested in shared/test/lint-rules.test.ts).
    files: STEP_CODE,
    ignores: SERVER_ONLY_SIM,
    rules: {
      "no-restricted-properties": ["error", ...INEXACT_MATH.map((property) => ({ object: "Math", property, message: `Math.${property} in a predicted step: ${INEXACT_WHY}` })), { object: "Math", property: "random", message: "Math.random in a predicted step: a step is a pure function; draw from shared/src/sim/rng.ts with a seed both sides know." }],
      "no-restricted-syntax": ["error", NO_ONLY,
        { selector: "BinaryExpression[operator='**'], AssignmentExpression[operator='**=']", message: `** in a predicted step (it is Math.pow): ${INEXACT_WHY} For a square write x * x.` }],
    },
  },
);
