import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["docs/api/**", "**/dist/**", "**/.tsbuild/**", "**/.tsbuild-test/**", "**/node_modules/**", "test-artifacts/**", "bench-results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: "readonly", process: "readonly", performance: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", window: "readonly", document: "readonly", URL: "readonly", URLSearchParams: "readonly", WebSocket: "readonly", requestAnimationFrame: "readonly", Buffer: "readonly" } },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": ["error", { selector: "CallExpression[callee.object.name='describe'][callee.property.name='only'], CallExpression[callee.object.name='it'][callee.property.name='only'], CallExpression[callee.object.name='test'][callee.property.name='only']", message: "no .only in committed tests" }],
    },
  },
  {
    files: ["server/src/framework/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["**/rooms/**"], message: "The framework must not import room types." }] }] },
  },
  {
    files: ["client/src/net/**/*.ts", "shared/src/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { paths: [{ name: "phaser", message: "net/ and shared/ stay Phaser-free." }] }] },
  },
);
