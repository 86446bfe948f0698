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

it("npm run new-room generates a room type that builds, lints and passes its own tests", { timeout: 240_000 }, () => {
  tmp = copyRepo();
  const out = run(tmp, "scripts/new-room/new-room.mjs", ["coins", "--root", tmp]);
  expect(out).toContain("registered \"coins\"");
  expect(fs.readFileSync(path.join(tmp, "server/src/app.ts"), "utf8")).toMatch(/define\("coins", CoinsRoom/);
  expect(fs.readFileSync(path.join(tmp, "client/src/game/registry.ts"), "utf8")).toMatch(/roomName: "coins"/);
  // Refuses to overwrite, and refuses bad names.
  expect(() => run(tmp, "scripts/new-room/new-room.mjs", ["coins", "--root", tmp])).toThrow(/already exists/);
  expect(() => run(tmp, "scripts/new-room/new-room.mjs", ["Bad-Name", "--root", tmp])).toThrow(/not a valid name/);

  run(tmp, "node_modules/typescript/bin/tsc", ["-b"]);
  run(tmp, "node_modules/eslint/bin/eslint.js", ["shared/src", "server/src", "client/src", "shared/test", "server/test/integration"]);
  const tests = run(tmp, "node_modules/vitest/vitest.mjs", ["run", "shared/test/coins-sim.test.ts", "server/test/integration/coins-room.test.ts"]);
  expect(tests).toMatch(/Tests\s+4 passed/);
});
