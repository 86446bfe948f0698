/** Response of `POST /auth/guest`. */
export interface GuestLogin {
  token: string;
  name: string;
  expiresInSec: number;
}

/**
 * Get a signed guest token from the game server (`httpBase` like "http://localhost:2567").
 * Set it as `client.auth.token` before joining.
 */
export async function loginAsGuest(httpBase: string, name: string): Promise<GuestLogin> {
  const res = await fetch(`${httpBase.replace(/\/$/, "")}/auth/guest`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name }),
  });
  if (!res.ok) throw new Error(`guest login failed: HTTP ${res.status}`);
  return (await res.json()) as GuestLogin;
}
