import type { IncomingMessage } from "node:http";
import type express from "express";
import proxyaddr from "proxy-addr";

/**
 * The client address of a raw request (Colyseus answers `/matchmake` before Express sees it),
 * exactly as Express's `req.ip` would give it with this app's "trust proxy" setting
 * (TRUST_PROXY): forwarded headers count only from proxies the setting trusts. Colyseus's own
 * AuthContext `ip` takes `X-Real-IP` / `X-Forwarded-For` from anyone, so per-address limits
 * must not use it.
 */
export function clientAddressOf(app: express.Express): (req: IncomingMessage) => string {
  return (req) => proxyaddr(req, app.get("trust proxy fn") as (addr: string, i: number) => boolean);
}
