/** Response of `POST /auth/guest`. */
export interface GuestLogin {
  token: string;
  name: string;
  expiresInSec: number;
}

/** A failed login at `POST /auth/guest`: the server answered, with this HTTP status and error code (`rate_limited`, ...). */
export class LoginError extends Error {
  constructor(readonly status: number, readonly error: string, message: string) {
    super(message);
    this.name = "LoginError";
  }
}

/**
 * Get a signed guest token from the game server (`httpBase` like "http://localhost:2567").
 * Set it as `client.auth.token` before joining. Rejects with a LoginError when the server
 * refuses (its JSON `{ error, message }` kept), with fetch's TypeError when it cannot be reached.
 */
export async function loginAsGuest(httpBase: string, name: string): Promise<GuestLogin> {
  const res = await fetch(`${httpBase.replace(/\/$/, "")}/auth/guest`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name }),
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: unknown; message?: unknown };
    const error = typeof body.error === "string" ? body.error : "";
    const detail = typeof body.message === "string" ? `: ${body.message}` : "";
    throw new LoginError(res.status, error, `guest login failed: HTTP ${res.status}${error ? ` ${error}` : ""}${detail}`);
  }
  return (await res.json()) as GuestLogin;
}
