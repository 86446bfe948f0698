import { readFileSync } from "node:fs";
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
    for (const file of ["shared/src/sim/tag/movement.ts", "shared/src/sim/soccer/soccer.ts", "shared/src/games/soccer/sim/ball.ts"]) {
      expect(await rulesFired("export const k = (dt: number): number => Math.pow(0.02, dt);\n", file)).toEqual(["no-restricted-properties"]);
      expect(await rulesFired("export const k = (a: number): number => Math.sin(a) + Math.exp(a);\n", file)).toEqual(["no-restricted-properties", "no-restricted-properties"]);
      expect(await rulesFired("export const sq = (a: number): number => a ** 2;\n", file)).toEqual(["no-restricted-syntax"]);
      expect(await rulesFired(clean, file)).toEqual([]);
    }
  });

  it("every predicted step in the repository passes (tag's friction no longer calls Math.pow per step)", async () => {
    for (const file of ["shared/src/sim/tag/movement.ts", "shared/src/sim/arena/movement.ts", "shared/src/sim/geometry.ts", "shared/src/sim/quantize.ts"]) {
      expect(await rulesFired(readFileSync(`${ROOT}/${file}`, "utf8"), file), file).toEqual([]);
    }
  });

  it("server-only sim (shot tracing) and code outside the sim may use any Math", async () => {
    const trig = "export const dx = (a: number): number => Math.cos(a) ** 2;\n";
    expect(await rulesFired(trig, "shared/src/sim/arena/combat.ts")).toEqual([]);
    expect(await rulesFired(trig, "server/src/rooms/tag/tag-bot.ts")).toEqual([]);
  });
});

describe("the framework imports no game", () => {
  const cases: [string, string][] = [
    ["server/src/framework/tick-room.ts", "../rooms/tag/tag-room.js"],
    ["server/src/framework/tick-room.ts", "../tools/bots/behaviours.js"],
    ["server/src/framework/tick-room.ts", "../../../shared/src/sim/arena/movement.js"],
    ["server/src/framework/tick-room.ts", "../../../shared/src/schema/tag.js"],
    ["client/src/net/net-session.ts", "../game/tag/tag-room-type.js"],
    ["client/src/net/net-session.ts", "../../../shared/src/games/soccer/index.js"],
  ];

  it.each(cases)("%s importing %s fails lint", async (file, from) => {
    expect(await rulesFired(`import { x } from "${from}";\nexport const y = x;\n`, file)).toEqual(["no-restricted-imports"]);
  });

  it("framework imports (its own modules, @arena/shared, Colyseus) pass; Phaser stays out of net/", async () => {
    const ok = "import { TICK_HZ } from \"@arena/shared\";\nimport { Interpolator } from \"./interpolator.js\";\nexport const y = [TICK_HZ, Interpolator];\n";
    expect(await rulesFired(ok, "client/src/net/net-session.ts")).toEqual([]);
    expect(await rulesFired(ok, "server/src/framework/tick-room.ts")).toEqual([]);
    expect(await rulesFired("import Phaser from \"phaser\";\nexport const p = Phaser;\n", "client/src/net/net-session.ts")).toEqual(["no-restricted-imports"]);
  });
});
