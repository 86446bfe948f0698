import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The architecture rules in eslint.config.js bite: each case lints a snippet as if it were a file
 * at the given path (ESLint's Node API, the project's own config) and checks which rules fire.
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
let eslint: ESLint;

async function rulesFired(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${filePath}` });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

describe("deterministic math in predicted steps", () => {
  const clean = "export function step(b: { x: number }, dtSec: number): void {\n  const d = Math.sqrt(b.x * b.x + 1) / 2;\n  b.x = Math.round((b.x + d * dtSec) * 16) / 16;\n}\n";

  it("Math.pow, Math.sin, Math.exp and ** in a game's sim fail lint; exact operations pass", async () => {
    // Any file of any game's shared folder, and the framework's shared sim (the paths need not exist).
    for (const file of ["shared/src/games/tag/movement.ts", "shared/src/games/arena/definition.ts", "shared/src/games/newgame/rules.ts", "shared/src/games/newgame/sim/ball.ts", "shared/src/sim/spawn.ts"]) {
      expect(await rulesFired("export const k = (dt: number): number => Math.pow(0.02, dt);\n", file)).toEqual(["no-restricted-properties"]);
      expect(await rulesFired("export const k = (a: number): number => Math.sin(a) + Math.exp(a);\n", file)).toEqual(["no-restricted-properties", "no-restricted-properties"]);
      expect(await rulesFired("export const sq = (a: number): number => a ** 2;\n", file)).toEqual(["no-restricted-syntax"]);
      expect(await rulesFired(clean, file)).toEqual([]);
    }
  });

  it("every file of the games' shared folders and the shared sim passes (tag's friction no longer calls Math.pow per step)", async () => {
    const files = ["shared/src/games", "shared/src/sim"]
      .flatMap((dir) => readdirSync(`${ROOT}/${dir}`, { recursive: true, encoding: "utf8" }).map((f) => `${dir}/${f}`))
      .filter((f) => f.endsWith(".ts") && f !== "shared/src/games/arena/combat.ts");
    expect(files).toContain("shared/src/games/tag/movement.ts");
    expect(files).toContain("shared/src/games/arena/definition.ts");
    for (const file of files) {
      expect(await rulesFired(readFileSync(`${ROOT}/${file}`, "utf8"), file), file).toEqual([]);
    }
  });

  it("server-only sim (shot tracing) and code outside the sim may use any Math", async () => {
    const trig = "export const dx = (a: number): number => Math.cos(a) ** 2;\n";
    expect(await rulesFired(trig, "shared/src/games/arena/combat.ts")).toEqual([]);
    expect(await rulesFired(trig, "server/src/rooms/tag/tag-bot.ts")).toEqual([]);
  });
});

describe("the framework imports no game", () => {
  const cases: [string, string][] = [
    ["server/src/framework/tick-room.ts", "../rooms/tag/tag-room.js"],
    ["server/src/framework/tick-room.ts", "../tools/bots/behaviours.js"],
    ["server/src/framework/tick-room.ts", "../../../shared/src/games/arena/movement.js"],
    ["server/src/framework/tick-room.ts", "@arena/shared/games/tag"],
    ["client/src/net/net-session.ts", "../game/tag/tag-scene.js"],
    ["client/src/net/net-session.ts", "@arena/shared/games/arena"],
    ["client/src/net/net-session.ts", "../../../shared/src/games/newgame/index.js"],
    // The framework's shared part (@arena/shared) holds no game either.
    ["shared/src/protocol/messages.ts", "../games/arena/messages.js"],
    ["shared/src/sim/spawn.ts", "../games/arena/map.js"],
    ["shared/src/index.ts", "./games/tag/index.js"],
    // A game imports no other game.
    ["shared/src/games/tag/movement.ts", "../arena/movement.js"],
    ["shared/src/games/tag/movement.ts", "@arena/shared/games/arena"],
  ];

  it.each(cases)("%s importing %s fails lint", async (file, from) => {
    expect(await rulesFired(`import { x } from "${from}";\nexport const y = x;\n`, file)).toEqual(["no-restricted-imports"]);
  });

  it("the barrel re-exporting a game fails too (export * from)", async () => {
    expect(await rulesFired("export * from \"./games/arena/index.js\";\n", "shared/src/index.ts")).toEqual(["no-restricted-imports"]);
  });

  it("a game's own files and the framework's shared part pass in a game's folder", async () => {
    const ok = "import { pushCircleOutOfRect } from \"../../sim/geometry.js\";\nimport { TAG_MAP } from \"./map.js\";\nexport const y = [pushCircleOutOfRect, TAG_MAP];\n";
    expect(await rulesFired(ok, "shared/src/games/tag/movement.ts")).toEqual([]);
  });

  it("framework imports (its own modules, @arena/shared, Colyseus) pass; Phaser stays out of net/", async () => {
    const ok = "import { TICK_HZ } from \"@arena/shared\";\nimport { Interpolator } from \"./interpolator.js\";\nexport const y = [TICK_HZ, Interpolator];\n";
    expect(await rulesFired(ok, "client/src/net/net-session.ts")).toEqual([]);
    expect(await rulesFired(ok, "server/src/framework/tick-room.ts")).toEqual([]);
    expect(await rulesFired("import Phaser from \"phaser\";\nexport const p = Phaser;\n", "client/src/net/net-session.ts")).toEqual(["no-restricted-imports"]);
  });
});
