import express from "express";
import { z } from "zod";
import { TokenBucket, guestIdentityProvider, logger } from "../framework/index.js";

const loginSchema = z.object({ name: z.string().max(200).optional() });

/**
 * `POST /auth/guest` `{ name }` -> `{ token, name, expiresInSec }`: a signed guest token to pass
 * as the bearer token when joining. Limited per client IP; a body over `maxBodyBytes` is refused
 * with 413 (by Content-Length before it is read, else as soon as the count passes it).
 */
export function guestLoginRouter(maxBodyBytes: number): express.Router {
  const router = express.Router();
  const buckets = new Map<string, TokenBucket>();
  router.post("/auth/guest", express.json({ limit: maxBodyBytes }), (req, res) => {
    const ip = req.ip ?? "unknown";
    let bucket = buckets.get(ip);
    if (!bucket) {
      if (buckets.size > 10_000) buckets.clear();
      bucket = new TokenBucket(10, 1);
      buckets.set(ip, bucket);
    }
    if (!bucket.take()) {
      res.status(429).json({ error: "rate_limited", message: "too many logins; wait a moment" });
      return;
    }
    const parsed = loginSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      logger.warn({ ip }, "guest login refused: invalid body");
      res.status(400).json({ error: "invalid_message", message: "body must be { name?: string }" });
      return;
    }
    const provider = guestIdentityProvider();
    const { token, identity } = provider.issue(parsed.data.name);
    res.json({ token, name: identity.name, expiresInSec: provider.ttlSec });
  });
  return router;
}
