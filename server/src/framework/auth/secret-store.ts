import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Name of the persisted secret inside the data directory. */
export const AUTH_SECRET_FILE = "auth-secret";
/** Shortest secret accepted from the file (a generated one is 43 characters: 32 random bytes, base64url). */
export const MIN_PERSISTED_SECRET_CHARS = 32;

/** Thrown when the secret file exists but cannot be used: the process must refuse to start. */
export class AuthSecretFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuthSecretFileError";
  }
}

/** Where the secret came from: the file as found, or a file this call created. */
export interface PersistedSecret {
  secret: string;
  file: string;
  created: boolean;
}

/** Errors that mean "this directory cannot be written" (read-only mount, no permission, disk full). */
const UNWRITABLE = new Set(["EROFS", "EACCES", "EPERM", "ENOSPC", "EDQUOT"]);

/** True when `err` says the data directory cannot be written (so a caller may fall back). */
export function isUnwritableError(err: unknown): boolean {
  return UNWRITABLE.has((err as NodeJS.ErrnoException | undefined)?.code ?? "");
}

function readSecret(file: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new AuthSecretFileError(`cannot read ${file}: ${(err as Error).message}`);
  }
  // A trailing newline (an operator's `echo ... > auth-secret`) is not part of the secret.
  const secret = text.replace(/\r?\n$/, "");
  if (secret.length < MIN_PERSISTED_SECRET_CHARS || !/^[\x21-\x7e]+$/.test(secret)) {
    throw new AuthSecretFileError(
      `${file} is malformed (needs at least ${MIN_PERSISTED_SECRET_CHARS} printable characters, no spaces): ` +
        "fix it, or delete it to generate a new one (every guest token issued so far then stops working)",
    );
  }
  return secret;
}

/**
 * The auth secret kept in `<dataDir>/auth-secret`: read it, or generate one (32 random bytes,
 * base64url) and store it. Creates `dataDir` (mode 0700) on demand.
 *
 * Safe for several processes starting at once on the same directory: the new secret is written
 * in full to a private temp file (mode 0600, opened with O_EXCL) and then hard-linked to its final
 * name, which fails with EEXIST for every process but the first. A loser re-reads the winner's
 * file, so all end with one secret, and no reader ever sees a half-written file.
 *
 * Throws `AuthSecretFileError` when the file exists but is malformed or unreadable (never replaced
 * silently: that would log every player out), and the filesystem error when the directory cannot
 * be written (`isUnwritableError` tells which).
 */
export function loadOrCreateAuthSecret(dataDir: string): PersistedSecret {
  const file = path.join(dataDir, AUTH_SECRET_FILE);
  const existing = readSecret(file);
  if (existing !== undefined) return { secret: existing, file, created: false };

  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("base64url");
  const tmp = path.join(dataDir, `.${AUTH_SECRET_FILE}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const fd = fs.openSync(tmp, "wx", 0o600);
  try {
    fs.writeSync(fd, `${secret}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(tmp, file);
    return { secret, file, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    // Another process won the race: use its secret.
    const theirs = readSecret(file);
    if (theirs === undefined) throw new AuthSecretFileError(`${file} vanished while starting`);
    return { secret: theirs, file, created: false };
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
