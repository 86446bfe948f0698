import type http from "node:http";
import path from "node:path";
import fs from "node:fs";
import express from "express";
import { matchMaker } from "@colyseus/core";
import { metricsRegistry } from "../framework/index.js";
import { readiness } from "../scale/index.js";
import { adminCredentialsFromEnv, requireAdmin, type AdminCredentials } from "./admin-auth.js";
import { guestLoginRouter } from "./guest-login.js";
import { roomListingHandler } from "./room-listing.js";

export interface HttpAppOptions {
  /** Built client to serve at `/`; a hint page is served when it is missing. */
  clientDir: string;
  /** Who may use admin endpoints (`/metrics`); null turns them off. Default: from ADMIN_USER/ADMIN_PASSWORD. */
  admin?: AdminCredentials | null;
}

/** The HTTP side of the game server: health, readiness, metrics, room listing, and the built client on the same port. */
export function createHttpApp(options: HttpAppOptions): express.Express {
  const startedAtMs = Date.now();
  const admin = options.admin === undefined ? adminCredentialsFromEnv(process.env) : options.admin;
  const app = express();
  app.disable("x-powered-by");
  const trustProxy = trustProxyFromEnv(process.env);
  if (trustProxy !== undefined) app.set("trust proxy", trustProxy);
  app.use(guestLoginRouter());
  // Liveness: the process answers. Stays 200 while draining, so nothing restarts a draining process.
  app.get("/healthz", (_req, res) => {
    res.json({
      ok: true,
      rooms: matchMaker.stats.local.roomCount,
      clients: matchMaker.stats.local.ccu,
      uptimeSec: Math.round((Date.now() - startedAtMs) / 1000),
    });
  });
  // Readiness: send new players here? 503 while starting, draining, shutting down or without Redis.
  app.get("/readyz", (_req, res) => {
    const state = readiness();
    res.status(state.ready ? 200 : 503).json(state);
  });
  app.get("/rooms/:name", roomListingHandler());
  if (admin) {
    app.get("/metrics", requireAdmin(admin), (_req, res, next) => {
      metricsRegistry
        .metrics()
        .then((text) => {
          res.setHeader("Content-Type", metricsRegistry.contentType);
          res.send(text);
        })
        .catch(next);
    });
  }
  if (fs.existsSync(path.join(options.clientDir, "index.html"))) {
    app.use(express.static(options.clientDir, { index: "index.html", maxAge: "1h", setHeaders: noCacheHtml }));
  } else {
    app.get("/", (_req, res) => {
      res.status(503).send("Client not built: run `npm run build`.");
    });
  }
  return app;
}

/**
 * `TRUST_PROXY`: Express's "trust proxy" (`true`, a hop count, or addresses/`loopback`), so
 * `req.ip` (per-IP limits such as guest login) is the player's address behind a reverse proxy,
 * not the proxy's. Unset: the socket address.
 */
function trustProxyFromEnv(env: NodeJS.ProcessEnv): boolean | number | string | undefined {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw) return undefined;
  if (raw === "true" || raw === "false") return raw === "true";
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}

function noCacheHtml(res: http.ServerResponse, filePath: string): void {
  if (filePath.endsWith(".html")) res.setHeader("Cache-Control", "no-cache");
}
