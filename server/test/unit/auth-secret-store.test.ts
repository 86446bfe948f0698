import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, it, vi } from "vitest";
import { AUTH_SECRET_FILE, AuthSecretFileError, loadOrCreateAuthSecret, resolveAuthSecret } from "../../src/framework/index.js";

// The guest-token secret kept in DATA_DIR: created once, read back, never silently replaced,
// one winner when processes start together. Real files in a temp directory.

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arena-secret-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

it("creates the directory (0700) and the secret file (0600) once, then reads the same secret back", () => {
  const dataDir = path.join(tempDir(), "data");
  const first = loadOrCreateAuthSecret(dataDir);
  expect(first.created).toBe(true);
  expect(first.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
  expect(fs.statSync(first.file).mode & 0o777).toBe(0o600);
  const again = loadOrCreateAuthSecret(dataDir);
  expect(again).toEqual({ secret: first.secret, file: first.file, created: false });
  expect(fs.readdirSync(dataDir)).toEqual([AUTH_SECRET_FILE]);
});

it("accepts an operator's secret with a trailing newline", () => {
  const dataDir = tempDir();
  fs.writeFileSync(path.join(dataDir, AUTH_SECRET_FILE), `${"k".repeat(40)}\n`);
  expect(loadOrCreateAuthSecret(dataDir).secret).toBe("k".repeat(40));
});

it.each([
  ["empty", ""],
  ["too short", "short-secret-of-31-characters-x"],
  ["with spaces", "a secret with spaces in it, long enough"],
])("a %s secret file refuses to start and is left as it was", (_what, content) => {
  const dataDir = tempDir();
  const file = path.join(dataDir, AUTH_SECRET_FILE);
  fs.writeFileSync(file, content);
  expect(() => loadOrCreateAuthSecret(dataDir)).toThrow(AuthSecretFileError);
  expect(() => resolveAuthSecret({}, dataDir)).toThrow(/malformed.*delete it to generate a new one/);
  expect(fs.readFileSync(file, "utf8")).toBe(content);
});

it("two processes starting at once end with one secret: the one that links second uses the winner's", () => {
  const dataDir = tempDir();
  const realLink = fs.linkSync.bind(fs);
  let other: ReturnType<typeof loadOrCreateAuthSecret> | undefined;
  let raced = false;
  // Between our read (no file yet) and our link, the other process creates the file.
  vi.spyOn(fs, "linkSync").mockImplementation((from, to) => {
    if (!raced) {
      raced = true;
      other = loadOrCreateAuthSecret(dataDir);
    }
    realLink(from, to);
  });
  const mine = loadOrCreateAuthSecret(dataDir);
  expect(other?.created).toBe(true);
  expect(mine.created).toBe(false);
  expect(mine.secret).toBe(other?.secret);
  expect(fs.readFileSync(mine.file, "utf8")).toBe(`${mine.secret}\n`);
  expect(fs.readdirSync(dataDir)).toEqual([AUTH_SECRET_FILE]); // no temp files left behind
});

it("AUTH_SECRET overrides the file; an unwritable DATA_DIR falls back to a random per-process secret", () => {
  const dataDir = tempDir();
  expect(resolveAuthSecret({ AUTH_SECRET: "an-operator-secret-0123" }, dataDir)).toEqual({ secret: "an-operator-secret-0123", source: "env" });
  expect(fs.readdirSync(dataDir)).toEqual([]);
  // A read-only mount (root ignores permission bits, so the filesystem's answer is simulated).
  vi.spyOn(fs, "mkdirSync").mockImplementation(() => {
    throw Object.assign(new Error("read-only file system"), { code: "EROFS" });
  });
  const a = resolveAuthSecret({}, path.join(dataDir, "ro"));
  const b = resolveAuthSecret({}, path.join(dataDir, "ro"));
  expect(a.source).toBe("random");
  expect(b.source).toBe("random");
  expect(a.secret).not.toBe(b.secret);
});
