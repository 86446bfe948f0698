import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SKIP = new Set(["node_modules", ".git", "dist", ".tsbuild", ".tsbuild-test", "test-artifacts", "bench-results"]);
let tmp = "";

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** A copy of the repository whose node_modules points at ours, except the workspaces, which point at the copy. */
function copyRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "new-room-"));
  fs.cpSync(repo, dir, {
    recursive: true,
    filter: (src) => !SKIP.has(path.basename(src)) && !src.endsWith(".tsbuildinfo"),
  });
  const modules = path.join(dir, "node_modules");
  fs.mkdirSync(modules);
  for (const entry of fs.readdirSync(path.join(repo, "node_modules"))) {
    if (entry === "@arena") continue;
    fs.symlinkSync(path.join(repo, "node_modules", entry), path.join(modules, entry));
  }
  fs.mkdirSync(path.join(modules, "@arena"));
  for (const ws of ["shared", "server", "client"]) fs.symlinkSync(path.join(dir, ws), path.join(modules, "@arena", ws));
  return dir;
}

function run(cwd: string, script: string, args: string[]): string {
  const out = execFileSync(process.execPath, [path.join(repo, script), ...args], {
    cwd, encoding: "utf8", stdio: "pipe", env: { ...process.env, LOG_LEVEL: "error", NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  // eslint-disable-next-line no-control-regex
  return out.replace(/\u001b\[[0-9;]*m/g, "");
}

// A full tsc -b of the copy plus its tests: 212 s of the old 240 s budget on the loaded 2-core machine.
it("npm run new-room generates a room type (scene on the base, a wandering bot) that builds, lints and passes its own tests", { timeout: 420_000 }, () => {
  tmp = copyRepo();
  const out = run(tmp, "scripts/new-room/new-room.mjs", ["coins", "--root", tmp]);
  expect(out).toContain("registered \"coins\"");
  // Everything shared in the game's own folder, one registration per side, no framework file touched.
  expect(fs.readdirSync(path.join(tmp, "shared/src/games/coins")).sort()).toEqual(["definition.ts", "index.ts", "input.ts", "schema.ts", "sim.ts"]);
  // The room comes with a bot, registered with it (bot fill and `npm run bots -- --room coins`).
  expect(fs.readdirSync(path.join(tmp, "server/src/rooms/coins")).sort()).toEqual(["coins-bot.ts", "coins-room.ts"]);
  expect(fs.readFileSync(path.join(tmp, "server/src/rooms/registry.ts"), "utf8")).toMatch(/\{ name: coinsGame\.name, room: CoinsRoom, bot: coinsBotBrain \}/);
  expect(fs.readFileSync(path.join(tmp, "shared/src/index.ts"), "utf8")).toBe(fs.readFileSync(path.join(repo, "shared/src/index.ts"), "utf8"));
  expect(fs.readFileSync(path.join(tmp, "client/src/game/registry.ts"), "utf8")).toMatch(/roomName: coinsGame\.name/);
  // The scene is built on the shared base (no copied overlay, camera, resync or hook code) and
  // claims no health/kills/deaths it does not have.
  const scene = fs.readFileSync(path.join(tmp, "client/src/game/coins/coins-scene.ts"), "utf8");
  expect(scene).toMatch(/extends GameSceneBase</);
  expect(scene).not.toMatch(/health|kills|deaths|DebugOverlay|visibilitychange|bindSessionHook|cameraBounds/);
  expect(scene.split("\n").length).toBeLessThan(60);
  // Refuses to overwrite, and refuses bad names.
  expect(() => run(tmp, "scripts/new-room/new-room.mjs", ["coins", "--root", tmp])).toThrow(/already exists/);
  expect(() => run(tmp, "scripts/new-room/new-room.mjs", ["Bad-Name", "--root", tmp])).toThrow(/not a valid name/);

  // Test files run before any build (the copy has no dist: vitest resolves @arena/shared to its source).
  expect(fs.existsSync(path.join(tmp, "shared/dist"))).toBe(false);
  const tests = run(tmp, "node_modules/vitest/vitest.mjs", [
    "run", "shared/test/coins-sim.test.ts", "server/test/integration/coins-room.test.ts", "server/test/integration/coins-bots.test.ts",
  ]);
  expect(tests).toMatch(/Test Files\s+3 passed/);
  expect(tests).toMatch(/Tests\s+6 passed/);
  run(tmp, "node_modules/typescript/bin/tsc", ["-b"]);
  run(tmp, "node_modules/eslint/bin/eslint.js", ["shared/src", "server/src", "client/src", "shared/test", "server/test/integration"]);
});
