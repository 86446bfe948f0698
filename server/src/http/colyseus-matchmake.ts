import type http from "node:http";
import { isMatchmakeUrl as colyseusMatchmakeUrl, replaceMatchmakeCors } from "../framework/colyseus/index.js";
import { corsHeaders, type CorsPolicy } from "./cors.js";

/**
 * Matchmaking as Colyseus 0.16 serves it (the internals are reached through framework/colyseus/), bypassing
 * Express: its `Server` takes over the http server's "request" listeners and sends every request
 * whose URL contains `/matchmake` (`matchMaker.controller.matchmakeRoute`) to its own handler,
 * which answers OPTIONS and POST (reading the whole body), GET with 404, and never any other method.
 */

/** Whether Colyseus will treat this request as matchmaking (its own test: the route anywhere in the URL). */
export function isMatchmakeUrl(url: string | undefined): boolean {
  return colyseusMatchmakeUrl(url);
}

/**
 * Replace Colyseus's CORS answer on `/matchmake/*` (`DEFAULT_CORS_HEADERS`, which allow any origin
 * with credentials, merged with `getCorsHeaders(req)`, which echoes any Origin) with `policy`,
 * through the hook Colyseus documents on `matchMaker.controller`: an allowed origin gets the allow
 * headers, any other none. The controller is a process-wide singleton: the last server started in
 * a process sets it.
 */
export function useCorsPolicyForMatchmaking(policy: CorsPolicy): void {
  replaceMatchmakeCors((req: http.IncomingMessage) => corsHeaders(policy, req));
}
