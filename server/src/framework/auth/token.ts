import { createHmac, timingSafeEqual } from "node:crypto";

/** What a signed token says about its holder. Times in seconds since the epoch. */
export interface TokenClaims {
  /** Stable player id. */
  sub: string;
  name: string;
  iat: number;
  exp: number;
}

const VERSION = "v1";

function mac(body: string, secret: string): string {
  return createHmac("sha256", secret).update(`${VERSION}.${body}`).digest("base64url");
}

/** `v1.<base64url JSON claims>.<base64url HMAC-SHA256>` */
export function signToken(claims: TokenClaims, secret: string): string {
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${VERSION}.${body}.${mac(body, secret)}`;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: "missing" | "malformed" | "bad_signature" | "expired" };

/** Verify a token's signature and expiry. Never throws. */
export function verifyToken(token: unknown, secret: string, nowSec: number): TokenCheck {
  if (typeof token !== "string" || token.length === 0) return { ok: false, reason: "missing" };
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== VERSION || token.length > 2048) return { ok: false, reason: "malformed" };
  const [, body, sig] = parts as [string, string, string];
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "bad_signature" };
  let claims: TokenClaims;
  try {
    claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as TokenClaims;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (typeof claims.sub !== "string" || typeof claims.name !== "string" || typeof claims.exp !== "number") {
    return { ok: false, reason: "malformed" };
  }
  if (claims.exp <= nowSec) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}
