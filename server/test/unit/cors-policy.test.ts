import { describe, expect, it } from "vitest";
import { corsPolicyFromEnv, isAllowedOrigin } from "../../src/http/cors.js";

describe("CORS policy", () => {
  it("reads CORS_ORIGINS as exact origins and refuses a wildcard or a path", () => {
    expect([...corsPolicyFromEnv({ CORS_ORIGINS: "https://a.example, http://b.example:8080" }).allowedOrigins]).toEqual(["https://a.example", "http://b.example:8080"]);
    expect(() => corsPolicyFromEnv({ CORS_ORIGINS: "*" })).toThrow(/wildcard/);
    expect(() => corsPolicyFromEnv({ CORS_ORIGINS: "https://a.example/game" })).toThrow(/no path/);
    expect(() => corsPolicyFromEnv({ CORS_ORIGINS: "game.example" })).toThrow(/not an origin/);
  });

  it("allows the game's own origin always, other ports of its host only outside production", () => {
    const production = corsPolicyFromEnv({ NODE_ENV: "production" });
    const development = corsPolicyFromEnv({});
    expect(isAllowedOrigin(production, "https://game.example", "game.example")).toBe(true);
    expect(isAllowedOrigin(production, "http://localhost:5173", "localhost:2567")).toBe(false);
    expect(isAllowedOrigin(development, "http://localhost:5173", "localhost:2567")).toBe(true);
    for (const policy of [production, development]) {
      expect(isAllowedOrigin(policy, "https://evil.example", "game.example")).toBe(false);
      expect(isAllowedOrigin(policy, "null", "game.example")).toBe(false);
      expect(isAllowedOrigin(policy, "https://game.example.evil.example", "game.example")).toBe(false);
    }
  });
});
