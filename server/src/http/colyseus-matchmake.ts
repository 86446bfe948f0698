import type http from "node:http";
import { matchMaker } from "@colyseus/core";
import { corsHeaders, type CorsPolicy } from "./cors.js";

/**
 * The one place that relies on how Colyseus 0.16 serves HTTP matchmaking itself, bypassing
 * Express: its `Server` takes over the http server's "request" listeners and sends every request
 * whose URL contains `/matchmake` (`matchMaker.controller.matchmakeRoute`) to its own handler,
 * which answers OPTIONS and POST (reading the whole body), GET with 404, and never any other method.
 */

/** Whether Colyseus will treat this request as matchmaking (its own test: the route anywhere in the URL). */
export function isMatchmakeUrl(url: string | undefined): boolean {
  return (url ?? "").includes(`/${matchMaker.controller.matchmakeRoute}`);
}

/**
 * Replace Colyseus's CORS answer on `/matchmake/*` (`DEFAULT_CORS_HEADERS`, which allow any origin
 * with credentials, merged with `getCorsHeaders(req)`, which echoes any Origin) with `policy`,
 * through the hook Colyseus documents on `matchMaker.controller`: an allowed origin gets the allow
 * headers, any other none. The controller is a process-wide singleton: the last server started in
 * a process sets it.
 */
export function useCorsPolicyForMatchmaking(policy: CorsPolicy): void {
  const controller = matchMaker.controller as {
    DEFAULT_CORS_HEADERS: Record<string, string>;
    getCorsHeaders(req: http.IncomingMessage): Record<string, string>;
  };
  controller.DEFAULT_CORS_HEADERS = {};
  controller.getCorsHeaders = (req: http.IncomingMessage) => corsHeaders(policy, req);
}
