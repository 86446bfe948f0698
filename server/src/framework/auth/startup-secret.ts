import { randomBytes } from "node:crypto";
import { logger } from "../logger.js";
import { GuestIdentityProvider, guestIdentityProvider, setGuestIdentityProvider } from "./identity.js";
import { isUnwritableError, loadOrCreateAuthSecret } from "./secret-store.js";

/** Where the guest-token secret came from: `AUTH_SECRET`, `<DATA_DIR>/auth-secret`, or random (this process only). */
export type AuthSecretSource = "env" | "file" | "random";

/**
 * The guest-token secret a server process starts with: `AUTH_SECRET` when set (at least 16
 * characters), else the one persisted in `<dataDir>/auth-secret` (created on first start), so
 * tokens survive a restart. When `dataDir` cannot be written, a warning and a random secret for
 * this process only (tokens then die with it). Throws `AuthSecretFileError` when the file is
 * malformed: the process must refuse to start rather than log every player out.
 */
export function resolveAuthSecret(env: NodeJS.ProcessEnv, dataDir: string): { secret: string; source: AuthSecretSource } {
  const fromEnv = env.AUTH_SECRET;
  if (fromEnv && fromEnv.length >= 16) return { secret: fromEnv, source: "env" };
  if (fromEnv) logger.warn({ dataDir }, "AUTH_SECRET is shorter than 16 characters: ignored, using the secret in DATA_DIR");
  try {
    const { secret, file, created } = loadOrCreateAuthSecret(dataDir);
    if (created) logger.info({ file }, "generated a new auth secret: guest tokens now survive restarts; back this file up");
    return { secret, source: "file" };
  } catch (err) {
    if (!isUnwritableError(err)) throw err;
    logger.warn(
      { dataDir, code: (err as NodeJS.ErrnoException).code },
      "DATA_DIR cannot be written: using a random auth secret for this process only. Every player's token " +
        "stops working when it restarts (they must log in again), and other processes refuse its tokens. " +
        "Make DATA_DIR writable or set AUTH_SECRET.",
    );
    return { secret: randomBytes(32).toString("base64url"), source: "random" };
  }
}

/** Resolve the secret (see `resolveAuthSecret`) and make the guest provider sign and check with it. */
export function useAuthSecretFromEnv(env: NodeJS.ProcessEnv, dataDir: string): AuthSecretSource {
  const { secret, source } = resolveAuthSecret(env, dataDir);
  setGuestIdentityProvider(new GuestIdentityProvider(secret, guestIdentityProvider().ttlSec));
  return source;
}
