import type http from "node:http";
import type express from "express";

/**
 * Which browser pages on other origins may call this server's HTTP API (matchmaking, login,
 * room listing). A page served by the game server itself is same-origin and needs no CORS at
 * all; the game's own origin is also recognised when a browser sends `Origin` anyway (it does on
 * every POST). Other origins get no `Access-Control-Allow-*` header, so browsers refuse to let
 * them read answers or send credentialed requests.
 */
export interface CorsPolicy {
  /** Exact origins (`https://game.example.com`) allowed besides the game's own. */
  allowedOrigins: ReadonlySet<string>;
  /**
   * Development: also allow pages on another port of the host the request was sent to (the Vite
   * dev server at :5173 calls matchmaking on :2567). Off in production (`NODE_ENV=production`).
   */
  allowSameHostAnyPort: boolean;
}

/** Methods and headers an allowed page may use (colyseus.js sends JSON with a bearer token). */
const ALLOWED_METHODS = "GET, POST, OPTIONS";
const ALLOWED_HEADERS = "Content-Type, Authorization, Accept, X-Requested-With";
const PREFLIGHT_MAX_AGE_SEC = "600";

/**
 * `CORS_ORIGINS`: comma- or space-separated exact origins (scheme://host[:port], no path).
 * Unset: the game's own origin only. `*` is refused: colyseus.js always sends credentials, and
 * browsers refuse credentials with a wildcard origin.
 */
export function corsPolicyFromEnv(env: NodeJS.ProcessEnv): CorsPolicy {
  const origins = new Set<string>();
  for (const raw of (env.CORS_ORIGINS ?? "").split(/[\s,]+/).filter(Boolean)) {
    if (raw === "*") throw new Error("CORS_ORIGINS lists exact origins; '*' is not supported (colyseus.js sends credentials, which browsers refuse with a wildcard)");
    let origin: string;
    try {
      origin = new URL(raw).origin;
    } catch {
      throw new Error(`CORS_ORIGINS: "${raw}" is not an origin like https://game.example.com`);
    }
    if (origin === "null" || origin !== raw.replace(/\/$/, "")) throw new Error(`CORS_ORIGINS: "${raw}" is not an origin like https://game.example.com (no path)`);
    origins.add(origin);
  }
  return { allowedOrigins: origins, allowSameHostAnyPort: env.NODE_ENV !== "production" };
}

/** The default policy of a server started without one: own origin, plus other ports of the same host outside production. */
export function defaultCorsPolicy(): CorsPolicy {
  return { allowedOrigins: new Set(), allowSameHostAnyPort: process.env.NODE_ENV !== "production" };
}

/** Whether a page at `origin` may call this server, which the request reached as `host` (the Host header). */
export function isAllowedOrigin(policy: CorsPolicy, origin: string, host: string | undefined): boolean {
  if (policy.allowedOrigins.has(origin)) return true;
  let page: URL;
  try {
    page = new URL(origin);
  } catch {
    return false;
  }
  if (page.protocol !== "http:" && page.protocol !== "https:") return false;
  if (!host) return false;
  if (page.host === host.toLowerCase()) return true;
  return policy.allowSameHostAnyPort && page.hostname === hostnameOf(host);
}

/**
 * The CORS headers for `req`: for an allowed origin, that origin echoed with credentials allowed
 * (never a wildcard); for any other origin, only `Vary: Origin`; without an Origin header, none.
 */
export function corsHeaders(policy: CorsPolicy, req: http.IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (typeof origin !== "string" || origin === "") return {};
  if (!isAllowedOrigin(policy, origin, req.headers.host)) return { Vary: "Origin" };
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Credentials": "true",
    "Access-Control-Allow-Methods": ALLOWED_METHODS,
    "Access-Control-Allow-Headers": ALLOWED_HEADERS,
    "Access-Control-Max-Age": PREFLIGHT_MAX_AGE_SEC,
    Vary: "Origin",
  };
}

/** The policy on the Express side (login, room listing, health): headers on every answer, preflights answered 204. */
export function corsMiddleware(policy: CorsPolicy): express.RequestHandler {
  return (req, res, next) => {
    const headers = corsHeaders(policy, req);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (req.method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined) {
      res.status(204).end();
      return;
    }
    next();
  };
}

function hostnameOf(host: string): string {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return "";
  }
}
