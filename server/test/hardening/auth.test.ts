import { afterAll, beforeAll, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { ArenaMessage, type ArenaState } from "@arena/shared/games/arena";
import { GuestIdentityProvider, guestIdentityProvider } from "../../src/framework/index.js";
import { loginAsGuest } from "../../../client/src/net/index.js";
import { startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

let ts: TestServer;
let httpBase: string;
beforeAll(async () => {
  ts = await startTestServer();
  httpBase = `http://127.0.0.1:${ts.server.port}`;
});
afterAll(async () => {
  await ts?.close();
});

async function joinWith(token: string | undefined): Promise<unknown> {
  const client = new Client(ts.url);
  if (token !== undefined) client.auth.token = token;
  const room = await client.joinOrCreate<ArenaState>("arena");
  return room;
}

it("guest login returns a token that joins, with the sanitised name from the token", async () => {
  const login = await loginAsGuest(httpBase, "  Zoë\u0000\u202e the   Great and Powerful ");
  expect(login.name).toBe("Zoë the Great an");
  const client = new Client(ts.url);
  client.auth.token = login.token;
  const room = await client.joinOrCreate<ArenaState>("arena", { name: "ignored" });
  room.onMessage(ArenaMessage.Shot, () => undefined);
  const me = await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own player");
  expect(me.name).toBe(login.name);
  await room.leave();
});

it("refuses missing, forged and expired tokens with a clear error", async () => {
  await expect(joinWith(undefined)).rejects.toThrow(/no token/);
  const good = guestIdentityProvider().issue("mallory").token;
  const [v, body] = good.split(".");
  const forgedBody = Buffer.from(JSON.stringify({ sub: "x", name: "admin", iat: 0, exp: 4e9 })).toString("base64url");
  await expect(joinWith(`${v}.${forgedBody}.${good.split(".")[2]}`)).rejects.toThrow(/not valid/);
  await expect(joinWith(`${v}.${body}.AAAA`)).rejects.toThrow(/not valid/);
  await expect(joinWith("garbage")).rejects.toThrow(/not valid/);
  const otherSecret = new GuestIdentityProvider("another-secret-of-enough-length", 60).issue("eve").token;
  await expect(joinWith(otherSecret)).rejects.toThrow(/not valid/);
  // Signed with the server's own secret but expired: only the provider can make one, so use it with a past clock.
  const expired = guestIdentityProvider().issue("late", Math.floor(Date.now() / 1000) - 2 * guestIdentityProvider().ttlSec).token;
  await expect(joinWith(expired)).rejects.toThrow(/expired/);
});

it("rejects a malformed login body with 400", async () => {
  const res = await fetch(`${httpBase}/auth/guest`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name: 42 }),
  });
  expect(res.status).toBe(400);
  expect(((await res.json()) as { error: string }).error).toBe("invalid_message");
});
