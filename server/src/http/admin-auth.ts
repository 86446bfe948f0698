import crypto from "node:crypto";
import type express from "express";

/** Credentials for admin endpoints (`/metrics`, and any later admin page). */
export interface AdminCredentials {
  user: string;
  password: string;
}

/**
 * `ADMIN_USER` + `ADMIN_PASSWORD` turn admin endpoints on (HTTP basic auth); with neither set
 * they are off (404). Setting only one is a configuration error.
 */
export function adminCredentialsFromEnv(env: NodeJS.ProcessEnv): AdminCredentials | null {
  const user = env.ADMIN_USER ?? "";
  const password = env.ADMIN_PASSWORD ?? "";
  if (!user && !password) return null;
  if (!user || !password) throw new Error("set both ADMIN_USER and ADMIN_PASSWORD (or neither, to keep admin endpoints off)");
  return { user, password };
}

/** Express middleware that lets a request through only with the right basic-auth credentials. */
export function requireAdmin(credentials: AdminCredentials): express.RequestHandler {
  const expected = digest(`${credentials.user}:${credentials.password}`);
  return (req, res, next) => {
    const header = req.headers.authorization ?? "";
    const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
    const given = match ? Buffer.from(match[1]!, "base64").toString("utf8") : "";
    // Compare fixed-length digests so neither length nor content leaks through timing.
    if (match && crypto.timingSafeEqual(digest(given), expected)) {
      next();
      return;
    }
    res.setHeader("WWW-Authenticate", 'Basic realm="arena admin", charset="UTF-8"');
    res.status(401).send("authentication required");
  };
}

function digest(text: string): Buffer {
  return crypto.createHash("sha256").update(text, "utf8").digest();
}
