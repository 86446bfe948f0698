import { guestIdentityProvider } from "../../framework/index.js";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A guest token for `name` from the game server at `httpBase` (POST /auth/guest). The endpoint
 * allows a burst of 10 logins per IP and then one per second, so a 429 is waited out and retried.
 * With AUTH_SECRET set (the server's own secret), the token is signed locally instead.
 */
export async function guestToken(httpBase: string, name: string, isStopping: () => boolean = () => false): Promise<string> {
  if (process.env.AUTH_SECRET && process.env.AUTH_SECRET.length >= 16) return guestIdentityProvider().issue(name).token;
  for (;;) {
    const res = await fetch(`${httpBase.replace(/\/$/, "")}/auth/guest`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name }),
    });
    if (res.ok) return ((await res.json()) as { token: string }).token;
    if (res.status !== 429 || isStopping()) throw new Error(`guest login failed: HTTP ${res.status}`);
    await sleep(1100);
  }
}
