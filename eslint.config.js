import js from "@eslint/js";
import tseslint from "typescript-eslint";

const NO_ONLY = { selector: "CallExpression[callee.object.name='describe'][callee.property.name='only'], CallExpression[callee.object.name='it'][callee.property.name='only'], CallExpression[callee.object.name='test'][callee.property.name='only']", message: "no .only in committed tests" };

/**
 * Where predicted steps live (the code a client replays to predict, bit for bit, what the server
 * computes): the framework's shared sim (shared/src/sim) and every game's shared folder
 * (shared/src/games/<game>/**: its step, definition, schema, codec and rules all feed or are the
 * step, so the whole folder is held to exact math unless a file is listed below).
 */
const STEP_CODE = ["shared/src/sim/**/*.ts", "shared/src/games/**/*.ts"];
/** Shared game files no predicted step runs (the server's, or only drawn), so they may use any Math. */
const NOT_PREDICTED = [
  // traceShot: the server's hit test; the client calls it only to draw a tracer, never in a predicted step.
  "shared/src/games/arena/combat.ts",
];
const INEXACT_MATH = ["pow", "exp", "expm1", "log", "log1p", "log2", "log10", "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "cbrt", "hypot"];
const INEXACT_WHY = "engines round it differently in the last bits (ECMAScript pins only + - * /, Math.sqrt and the rounding functions), so a Firefox or Safari player would mispredict. Use exact operations in a predicted step; precompute other constants once per rate with shared/src/sim/exact-math.ts (docs/writing-a-room-type.md, Deterministic math).";

/**
 * Game code the framework (server/src/framework, client/src/net, and shared/src outside games/)
 * must not import: it runs any game. A game's shared part is its own package entry,
 * `@arena/shared/games/<name>`; `@arena/shared` itself is the framework's part only.
 */
const GAME_CODE = [
  { group: ["**/rooms", "**/rooms/**"], message: "The framework must not import room types (game code)." },
  {
    group: ["**/game/**", "**/games/**", "**/tools/bots/**", "@arena/shared/games", "@arena/shared/games/**"],
    message: "The framework must not import game code (a game's shared part, @arena/shared/games/<name>, is for that game's room, scene and tests).",
  },
];
/** A game does not import another game (copy what it needs, or move it to the framework's shared/src/sim). */
const OTHER_GAMES = [
  { regex: "^\\.\\./(?!\\.\\./)[^/]+/", message: "A game must not import another game's folder: move what both need to the framework (shared/src/sim) or keep a copy." },
  { group: ["@arena/shared/games", "@arena/shared/games/**"], message: "A game's shared folder must not import a game entry (its own files by relative path; the framework from ../../)." },
];
const NO_PHASER = { name: "phaser", message: "net/ and shared/ stay Phaser-free." };

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
    // The framework imports no game (tested in shared/test/lint-rules.test.ts).
    files: ["server/src/framework/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: GAME_CODE }] },
  },
  {
    files: ["shared/src/**/*.ts"],
    ignores: ["shared/src/games/**"],
    rules: { "no-restricted-imports": ["error", { paths: [NO_PHASER], patterns: GAME_CODE }] },
  },
  {
    files: ["shared/src/games/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { paths: [NO_PHASER], patterns: OTHER_GAMES }] },
  },
  {
    files: ["client/src/net/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { paths: [NO_PHASER], patterns: GAME_CODE }] },
  },
  {
    // Predicted steps: exact operations only (tested in shared/test/lint-rules.test.ts).
    files: STEP_CODE,
    ignores: NOT_PREDICTED,
    rules: {
      "no-restricted-properties": ["error", ...INEXACT_MATH.map((property) => ({ object: "Math", property, message: `Math.${property} in a predicted step: ${INEXACT_WHY}` })), { object: "Math", property: "random", message: "Math.random in a predicted step: a step is a pure function; draw from shared/src/sim/rng.ts with a seed both sides know." }],
      "no-restricted-syntax": ["error", NO_ONLY,
        { selector: "BinaryExpression[operator='**'], AssignmentExpression[operator='**=']", message: `** in a predicted step (it is Math.pow): ${INEXACT_WHY} For a square write x * x.` }],
    },
  },
);
