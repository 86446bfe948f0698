import type http from "node:http";
import { gateRequestsBeforeColyseus } from "../framework/colyseus/index.js";
import { isMatchmakeUrl } from "./colyseus-matchmake.js";
import { corsHeaders, type CorsPolicy } from "./cors.js";
import { sendJsonError } from "./json-errors.js";

export interface FrontDoorOptions {
  /** Largest matchmaking request body, in bytes. */
  maxBodyBytes: number;
  /** CORS headers on the front door's own refusals, so an allowed page can read them. */
  cors: CorsPolicy;
}

/** Methods anything on this server answers; the rest get 405 at once. */
const METHODS = new Set(["GET", "HEAD", "POST", "OPTIONS"]);
/** Methods Colyseus's matchmaking handler answers (it leaves any other request hanging for ever). */
const MATCHMAKE_METHODS = new Set(["POST", "OPTIONS"]);

/**
 * Checks every HTTP request before the handlers that were on `server` when it is called
 * (Express, and Colyseus's matchmaking, which takes them over in `new Server()`: call this
 * after constructing the Colyseus Server):
 *
 * - a method nothing here serves gets `405 method_not_allowed` at once (Colyseus would never
 *   answer PUT, PATCH, DELETE or HEAD on `/matchmake/*`, holding the socket open);
 * - a body is limited to `maxBodyBytes` (Colyseus reads matchmaking bodies of any size whole):
 *   a larger `Content-Length` gets `413 body_too_large` before a byte of the body is read, on
 *   any path; a chunked matchmaking body is counted as it arrives and refused the same way once
 *   it passes the limit, without Colyseus ever seeing its end.
 *
 * Refusals close the connection, so the rest of a refused body is never read.
 */
export function guardRequests(server: http.Server, options: FrontDoorOptions): void {
  gateRequestsBeforeColyseus(server, (req, res) => admit(req, res, options));
}

function admit(req: http.IncomingMessage, res: http.ServerResponse, options: FrontDoorOptions): boolean {
  const method = req.method ?? "";
  const matchmake = isMatchmakeUrl(req.url);
  const allowed = matchmake ? MATCHMAKE_METHODS : METHODS;
  if (!allowed.has(method)) {
    refuse(req, res, options, 405, "method_not_allowed", `${method} is not served here`, { Allow: [...allowed].join(", ") });
    return false;
  }
  // Node's parser refuses a malformed Content-Length and never reads past a valid one.
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > options.maxBodyBytes) {
    refuse(req, res, options, 413, "body_too_large", `request body over ${options.maxBodyBytes} bytes`);
    return false;
  }
  if (matchmake && declared === undefined && req.headers["transfer-encoding"] !== undefined) countChunkedBody(req, res, options);
  return true;
}

/**
 * A chunked matchmaking body (no Content-Length), counted while Colyseus reads it. Express's
 * body parser (login) counts its own; other routes read no body.
 */
function countChunkedBody(req: http.IncomingMessage, res: http.ServerResponse, options: FrontDoorOptions): void {
  const ownData = new Set(req.listeners("data"));
  const ownEnd = new Set(req.listeners("end"));
  let receivedBytes = 0;
  const count = (chunk: Buffer): void => {
    receivedBytes += chunk.length;
    if (receivedBytes <= options.maxBodyBytes) return;
    // Stop reading, and take the next handler's listeners off so it never answers this body.
    req.pause();
    for (const listener of req.listeners("data")) if (!ownData.has(listener as never)) req.off("data", listener as never);
    for (const listener of req.listeners("end")) if (!ownEnd.has(listener as never)) req.off("end", listener as never);
    refuse(req, res, options, 413, "body_too_large", `request body over ${options.maxBodyBytes} bytes`);
  };
  req.on("data", count);
}

function refuse(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  options: FrontDoorOptions,
  status: number,
  error: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJsonError(res, status, error, message, { ...corsHeaders(options.cors, req), ...headers, Connection: "close" });
}
