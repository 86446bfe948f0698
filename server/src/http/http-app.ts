import type http from "node:http";
import path from "node:path";
import fs from "node:fs";
import express from "express";
import { matchMaker } from "@colyseus/core";
import { guestLoginRouter } from "./guest-login.js";

export interface HttpAppOptions {
  /** Built client to serve at `/`; a hint page is served when it is missing. */
  clientDir: string;
}

/** The HTTP side of the game server: health, and the built client on the same port. */
export function createHttpApp(options: HttpAppOptions): express.Express {
  const startedAtMs = Date.now();
  const app = express();
  app.disable("x-powered-by");
  app.use(guestLoginRouter());
  app.get("/healthz", (_req, res) => {
    res.json({
      ok: true,
      rooms: matchMaker.stats.local.roomCount,
      clients: matchMaker.stats.local.ccu,
      uptimeSec: Math.round((Date.now() - startedAtMs) / 1000),
    });
  });
  if (fs.existsSync(path.join(options.clientDir, "index.html"))) {
    app.use(express.static(options.clientDir, { index: "index.html", maxAge: "1h", setHeaders: noCacheHtml }));
  } else {
    app.get("/", (_req, res) => {
      res.status(503).send("Client not built: run `npm run build`.");
    });
  }
  return app;
}

function noCacheHtml(res: http.ServerResponse, filePath: string): void {
  if (filePath.endsWith(".html")) res.setHeader("Cache-Control", "no-cache");
}
