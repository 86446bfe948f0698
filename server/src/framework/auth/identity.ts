import { randomBytes, randomUUID } from "node:crypto";
import { sanitizeName } from "@arena/shared";
import { signToken, verifyToken } from "./token.js";

/** Who a connected player is, as the identity provider vouches. */
export interface Identity {
  id: string;
  name: string;
}

/** Thrown by a provider when a token is refused; `message` is safe to show the player. */
export class AuthError extends Error {
  constructor(readonly code: "missing_token" | "invalid_token" | "expired_token", message: string) {
    super(message);
    this.name = "AuthError";
  }
}

/**
 * Turns a bearer token into an identity. Swap in another implementation (OAuth, a platform
 * SDK) with `setIdentityProvider`; rooms only ever see the Identity.
 */
export interface IdentityProvider {
  verify(token: string | undefined): Identity | Promise<Identity>;
}

/** Signed guest tokens (HMAC-SHA256): name in, token out; no accounts. */
export class GuestIdentityProvider implements IdentityProvider {
  constructor(private readonly secret: string, readonly ttlSec: number) {}

  /** Issue a token for a guest. The name is sanitised; an empty one becomes Guest-xxxx. */
  issue(rawName: unknown, nowSec = Math.floor(Date.now() / 1000)): { token: string; identity: Identity } {
    const id = randomUUID();
    const name = sanitizeName(rawName) || `Guest-${id.slice(0, 4)}`;
    const token = signToken({ sub: id, name, iat: nowSec, exp: nowSec + this.ttlSec }, this.secret);
    return { token, identity: { id, name } };
  }

  verify(token: string | undefined, nowSec = Math.floor(Date.now() / 1000)): Identity {
    const check = verifyToken(token, this.secret, nowSec);
    if (check.ok) return { id: check.claims.sub, name: sanitizeName(check.claims.name) || "Guest" };
    switch (check.reason) {
      case "missing":
        throw new AuthError("missing_token", "no token: log in at POST /auth/guest first");
      case "expired":
        throw new AuthError("expired_token", "token expired: log in again");
      default:
        throw new AuthError("invalid_token", "token is not valid");
    }
  }
}

/**
 * The secret until the process picks its own (main.ts: `useAuthSecretFromEnv`, which also reads
 * the one persisted in DATA_DIR): `AUTH_SECRET` when set, else random. In-process test servers
 * keep this one, so they never touch a data directory.
 */
function secretFromEnv(): string {
  const secret = process.env.AUTH_SECRET;
  if (secret && secret.length >= 16) return secret;
  return randomBytes(32).toString("hex");
}

let guestProvider = new GuestIdentityProvider(secretFromEnv(), Number(process.env.AUTH_TOKEN_TTL_SEC ?? 86_400));
let provider: IdentityProvider = guestProvider;

/** The provider TickRoom.onAuth uses. */
export function identityProvider(): IdentityProvider {
  return provider;
}

/** Replace the identity provider (e.g. a real identity service). */
export function setIdentityProvider(next: IdentityProvider): void {
  provider = next;
}

/** The guest provider the guest-login endpoint issues tokens from. */
export function guestIdentityProvider(): GuestIdentityProvider {
  return guestProvider;
}

/** Replace the guest provider (tests use a short TTL). */
export function setGuestIdentityProvider(next: GuestIdentityProvider): void {
  if (provider === guestProvider) provider = next;
  guestProvider = next;
}
