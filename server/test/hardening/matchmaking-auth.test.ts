import { afterAll, beforeAll, expect, it } from "vitest";
import type { Room as ServerRoom } from "@colyseus/core";
import type { Room } from "colyseus.js";
import { JoinErrorCode } from "@arena/shared";
import type { ArenaState } from "@arena/shared/games/arena";
import { GuestIdentityProvider, guestIdentityProvider, matchmakingGate } from "../../src/framework/index.js";
import { healthz, rawMatchmake } from "../helpers/raw-matchmake.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

// The token is checked during HTTP matchmaking, before Colyseus creates a room or reserves a
// seat (a static onAuth): a script without a valid token gets 4215 and costs nothing.

let ts: TestServer;
let port: number;
let held: Room<ArenaState>;
beforeAll(async () => {
  ts = await startTestServer();
  port = ts.server.port;
  // One honest player, so join and joinById have a room to aim at.
  held = await ts.client("honest").joinOrCreate<ArenaState>("arena");
});
afterAll(async () => {
  await held?.leave();
  await ts?.close();
});

function badTokens(): { what: string; token: string | undefined; message: RegExp }[] {
  const good = guestIdentityProvider().issue("mallory").token;
  const [version, , signature] = good.split(".");
  const forgedBody = Buffer.from(JSON.stringify({ sub: "x", name: "admin", iat: 0, exp: 4e9 })).toString("base64url");
  const past = Math.floor(Date.now() / 1000) - 2 * guestIdentityProvider().ttlSec;
  return [
    { what: "no token", token: undefined, message: /no token/ },
    { what: "a forged token", token: `${version}.${forgedBody}.${signature}`, message: /not valid/ },
    { what: "a token of another secret", token: new GuestIdentityProvider("another-secret-of-enough-length", 60).issue("eve").token, message: /not valid/ },
    { what: "an expired token", token: guestIdentityProvider().issue("late", past).token, message: /expired/ },
  ];
}

const reservedSeats = (room: ServerRoom) => Object.keys((room as unknown as { reservedSeats: object }).reservedSeats).length;

for (const method of ["create", "joinOrCreate", "join", "joinById"] as const) {
  it(`${method} without a valid token: 4215, no room, no seat, /healthz unchanged`, async () => {
    const serverRoom = ts.serverRoom(held.roomId);
    const before = await healthz(port);
    expect(before).toEqual({ rooms: 1, clients: 1 });
    for (const roomType of ["arena", "tag"]) {
      const target = method === "joinById" ? held.roomId : roomType;
      for (const bad of badTokens()) {
        const answer = await rawMatchmake(port, method, target, { token: bad.token });
        expect(answer.body.code, `${method} ${target} with ${bad.what}`).toBe(JoinErrorCode.AuthFailed);
        expect(answer.body.error, bad.what).toMatch(bad.message);
        expect(answer.body.sessionId, bad.what).toBeUndefined();
      }
    }
    expect(await healthz(port)).toEqual(before);
    expect(reservedSeats(serverRoom)).toBe(0);
    expect(matchmakingGate().counts().reservations).toBe(0);
  });
}

it("a valid token still gets a seat over raw HTTP (the refusals above are the token's doing)", async () => {
  const answer = await rawMatchmake(port, "joinById", held.roomId, { token: guestIdentityProvider().issue("scripted").token });
  expect(answer.body.code).toBeUndefined();
  expect(answer.body.sessionId).toEqual(expect.any(String));
  expect(reservedSeats(ts.serverRoom(held.roomId))).toBe(1);
});
