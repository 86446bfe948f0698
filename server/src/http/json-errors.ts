import type http from "node:http";
import type express from "express";
import { logger } from "../framework/index.js";

/**
 * HTTP errors as the project sends them: `{ "error": "<code>", "message": "..." }` with a JSON
 * content type, never an HTML page or a stack trace, in every mode (NODE_ENV does not matter).
 * Codes are listed in docs/protocol.md (HTTP errors).
 */
export function sendJsonError(
  res: http.ServerResponse,
  status: number,
  error: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error, message });
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(body)),
    "Cache-Control": "no-store",
  });
  res.end(body);
}

/** Unknown path: 404 `not_found` (instead of Express's HTML "Cannot GET /x"). */
export function jsonNotFound(): express.RequestHandler {
  return (_req, res) => {
    sendJsonError(res, 404, "not_found", "no such page");
  };
}

/** Error codes of body-parser's errors (`err.type`), which Express hands to the error handler. */
const BODY_ERRORS: Record<string, { status: number; error: string; message: string }> = {
  "entity.parse.failed": { status: 400, error: "invalid_message", message: "body is not valid JSON" },
  "entity.too.large": { status: 413, error: "body_too_large", message: "request body too large" },
  "entity.verify.failed": { status: 400, error: "invalid_message", message: "body refused" },
  "request.aborted": { status: 400, error: "invalid_message", message: "request aborted" },
  "request.size.invalid": { status: 400, error: "invalid_message", message: "body length does not match Content-Length" },
  "charset.unsupported": { status: 415, error: "unsupported_media_type", message: "unsupported charset" },
  "encoding.unsupported": { status: 415, error: "unsupported_media_type", message: "unsupported content encoding" },
};

/**
 * Express error handler (last in the chain): body errors get their 4xx code, anything else is a
 * bug of ours: 500 `internal_error` to the client, the error with its stack to our log only.
 * A refused body may be partly unread, so the connection is closed after the answer rather than
 * reading the rest to keep it alive.
 */
export function jsonErrorHandler(): express.ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const type = (err as { type?: unknown } | null)?.type;
    const known = typeof type === "string" ? BODY_ERRORS[type] : undefined;
    if (known) {
      sendJsonError(res, known.status, known.error, known.message, { Connection: "close" });
      return;
    }
    const status = (err as { status?: unknown } | null)?.status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      sendJsonError(res, status, "bad_request", "request refused", { Connection: "close" });
      return;
    }
    logger.error({ err, method: req.method, path: req.path }, "HTTP handler failed");
    sendJsonError(res, 500, "internal_error", "internal error", { Connection: "close" });
  };
}
