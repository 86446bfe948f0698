/**
 * Limits of the HTTP side (page, matchmaking, login, health), so that no client can hold a
 * connection, a descriptor or a buffer for long without sending a whole, small request.
 * WebSocket connections, once upgraded, are not subject to the timeouts (Node stops timing a
 * request when it is upgraded); they count towards the per-address connection cap.
 */
export interface HttpLimits {
  /** Longest wait for a request's complete headers (from the connection or the previous request); then 408 and close. */
  headersTimeoutMs: number;
  /** Longest wait for a complete request, headers and body; then 408 and close. At least `headersTimeoutMs`. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open after its last response. */
  keepAliveTimeoutMs: number;
  /**
   * Open TCP connections (HTTP and WebSocket) one remote address may hold at once; beyond it a new
   * connection is closed before anything is read from it. 0 turns the cap off. Addresses trusted
   * as proxies (`TRUST_PROXY`) are exempt: every player behind the proxy shares its address.
   */
  maxConnectionsPerIp: number;
  /** Largest request body of matchmaking (`/matchmake/*`) and login (`/auth/guest`); a bigger one gets 413 before it is read. */
  maxBodyBytes: number;
}

export const DEFAULT_HTTP_LIMITS: Readonly<HttpLimits> = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnectionsPerIp: 64,
  maxBodyBytes: 4_096,
};

/** Environment variable of each limit (see docs/operations.md, Limits). */
const ENV_NAMES: Record<keyof HttpLimits, string> = {
  headersTimeoutMs: "HTTP_HEADERS_TIMEOUT_MS",
  requestTimeoutMs: "HTTP_REQUEST_TIMEOUT_MS",
  keepAliveTimeoutMs: "HTTP_KEEP_ALIVE_TIMEOUT_MS",
  maxConnectionsPerIp: "HTTP_MAX_CONNECTIONS_PER_IP",
  maxBodyBytes: "HTTP_MAX_BODY_BYTES",
};

/** Smallest accepted value of each limit: a timeout of 0 would turn it off, which is what this is about. */
const MINIMUM: Record<keyof HttpLimits, number> = {
  headersTimeoutMs: 100,
  requestTimeoutMs: 100,
  keepAliveTimeoutMs: 100,
  maxConnectionsPerIp: 0,
  maxBodyBytes: 256,
};

/** The limits from `HTTP_*` environment variables, defaults for unset ones; a bad value throws (the process refuses to start). */
export function httpLimitsFromEnv(env: NodeJS.ProcessEnv): HttpLimits {
  const limits = { ...DEFAULT_HTTP_LIMITS };
  for (const key of Object.keys(ENV_NAMES) as (keyof HttpLimits)[]) {
    const raw = env[ENV_NAMES[key]]?.trim();
    if (!raw) continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < MINIMUM[key]) {
      throw new Error(`${ENV_NAMES[key]} must be a whole number >= ${MINIMUM[key]} (got "${raw}")`);
    }
    limits[key] = value;
  }
  return checkedHttpLimits(limits);
}

/** `partial` over the defaults, checked (Node refuses a request timeout shorter than the headers timeout). */
export function checkedHttpLimits(partial: Partial<HttpLimits> = {}): HttpLimits {
  const limits = { ...DEFAULT_HTTP_LIMITS, ...partial };
  if (limits.requestTimeoutMs < limits.headersTimeoutMs) {
    throw new Error(`${ENV_NAMES.requestTimeoutMs} (${limits.requestTimeoutMs}) must be >= ${ENV_NAMES.headersTimeoutMs} (${limits.headersTimeoutMs})`);
  }
  return limits;
}

/**
 * Options for `http.createServer`. Node looks for expired requests every
 * `connectionsCheckingInterval` (30 s by default, which would let a half-sent request live 35 s
 * with a 5 s timeout); a quarter of the headers timeout keeps the overshoot small.
 */
export function httpServerOptions(limits: HttpLimits): {
  headersTimeout: number;
  requestTimeout: number;
  keepAliveTimeout: number;
  connectionsCheckingInterval: number;
} {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
  };
}
