import type http from "node:http";
import path from "node:path";
import fs from "node:fs";
import express from "express";
import expressStaticGzip from "express-static-gzip";
import { matchMaker } from "@colyseus/core";
import { metricsRegistry } from "../framework/index.js";
import { readiness } from "../scale/index.js";
import { adminCredentialsFromEnv, requireAdmin, type AdminCredentials } from "./admin-auth.js";
import { corsMiddleware, defaultCorsPolicy, type CorsPolicy } from "./cors.js";
import { guestLoginRouter } from "./guest-login.js";
import { DEFAULT_HTTP_LIMITS } from "./http-limits.js";
import { jsonErrorHandler, jsonNotFound } from "./json-errors.js";
import { roomListingHandler } from "./room-listing.js";
import { spectateHandler } from "./spectate-route.js";
import { recordingsListHandler, replayHandler } from "./recordings-route.js";

export interface HttpAppOptions {
  /** Built client to serve at `/`; a hint page is served when it is missing. */
  clientDir: string;
  /** Who may use admin endpoints (`/metrics`); null turns them off. Default: from ADMIN_USER/ADMIN_PASSWORD. */
  admin?: AdminCredentials | null;
  /** Largest login body, in bytes (default `DEFAULT_HTTP_LIMITS.maxBodyBytes`). */
  maxBodyBytes?: number;
  /** Which other origins' pages may call the API (default: the game's own origin only, plus other ports of the same host outside production). */
  cors?: CorsPolicy;
}

/**
 * The HTTP side of the game server: health, readiness, metrics, room listing, and the built client
 * on the same port. Every error is JSON (`{ error, message }`, see json-errors.ts), an unknown path
 * included, whatever NODE_ENV says.
 */
export function createHttpApp(options: HttpAppOptions): express.Express {
  const admin = options.admin === undefined ? adminCredentialsFromEnv(process.env) : options.admin;
  const app = express();
  app.disable("x-powered-by");
  const trustProxy = trustProxyFromEnv(process.env);
  if (trustProxy !== undefined) app.set("trust proxy", trustProxy);
  app.use(corsMiddleware(options.cors ?? defaultCorsPolicy()));
  app.use(guestLoginRouter(options.maxBodyBytes ?? DEFAULT_HTTP_LIMITS.maxBodyBytes));
  // Liveness: the process answers. Stays 200 while draining, so nothing restarts a draining process.
  // Rooms and players of this process: no more than the lobby shows anyone (uptime and the like are in /metrics).
  app.get("/healthz", (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.json({ ok: true, rooms: matchMaker.stats.local.roomCount, clients: matchMaker.stats.local.ccu });
  });
  // Readiness: send new players here? 503 while starting, draining, shutting down or without Redis.
  app.get("/readyz", (_req, res) => {
    const state = readiness();
    res.status(state.ready ? 200 : 503).json(state);
  });
  app.get("/rooms/:name", roomListingHandler());
  // A spectator seat in one room (Authorization: Bearer, like matchmaking; see spectate-route.ts).
  app.post("/spectate/:roomId", spectateHandler());
  // Recordings of this process and replay rooms of them (a spectator seat; see recordings-route.ts).
  app.get("/recordings", recordingsListHandler());
  app.post("/replays/:room/:name", replayHandler(app));
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
    // The build precompresses the client (scripts/precompress.mjs): a browser that accepts brotli
    // or gzip gets the `.br`/`.gz` file, and nothing is compressed while rooms run.
    app.use(expressStaticGzip(options.clientDir, {
      enableBrotli: true,
      orderPreference: ["br", "gzip"],
      index: "index.html",
      serveStatic: { maxAge: "1h", setHeaders: noCacheHtml },
    }));
  } else {
    app.get("/", (_req, res) => {
      res.status(503).send("Client not built: run `npm run build`.");
    });
  }
  app.use(jsonNotFound());
  app.use(jsonErrorHandler());
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
  if (/\.html(?:\.br|\.gz)?$/.test(filePath)) res.setHeader("Cache-Control", "no-cache");
}
