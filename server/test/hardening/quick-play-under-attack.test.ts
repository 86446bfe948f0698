import { afterAll, beforeAll, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { JoinErrorCode } from "@arena/shared";
import type { ArenaState } from "@arena/shared/games/arena";
import { guestToken, rawMatchmake, type MatchmakeAnswer } from "../helpers/raw-matchmake.js";
import { startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

// The attack: a script reserves arena seats over raw HTTP in a loop, without a token and
// with a valid token of its own, never opening a socket, while two honest players quick-play one
// after the other. Before the gate, sixteen token-less reservations filled a room every few
// milliseconds and quick play (the fullest room first) put the two players in different rooms.
// All on 127.0.0.1 with the default quotas, as `npm start` runs.

const ATTACK_LOOPS = 4;
const MAX_ATTACK_REQUESTS = 1500;

let ts: TestServer;
let port: number;
beforeAll(async () => {
  // Reservations wait 10 s rather than 15 (the attacker's last ones hold the room that long at shutdown).
  process.env.COLYSEUS_SEAT_RESERVATION_TIME = "10";
  ts = await startTestServer();
  port = ts.server.port;
});
afterAll(async () => {
  await ts?.close();
});

async function honestPlayer(name: string): Promise<string> {
  const client = new Client(ts.url);
  client.auth.token = await guestToken(port, name);
  const room = await client.joinOrCreate<ArenaState>("arena");
  room.onMessage("*", () => undefined);
  await waitFor(() => room.state.players?.get(room.sessionId), 5000, `${name} in state`);
  return room.roomId;
}

it("two honest players quick-playing during a reservation flood land in the same room", async () => {
  const attackerToken = await guestToken(port, "attacker");
  const answers: MatchmakeAnswer[] = [];
  let stop = false;
  let sent = 0;
  // Keep reserving until the honest players are in (bounded by count either way).
  const attack = async (withToken: boolean): Promise<void> => {
    while (!stop && sent < MAX_ATTACK_REQUESTS) {
      sent++;
      answers.push(await rawMatchmake(port, "joinOrCreate", "arena", withToken ? { token: attackerToken } : {}));
    }
  };
  const loops = Array.from({ length: ATTACK_LOOPS }, (_, i) => attack(i % 2 === 1));
  await waitFor(() => answers.length >= 40, 10_000, "the attack under way");
  const ann = await honestPlayer("Ann");
  const bob = await honestPlayer("Bob");
  stop = true;
  await Promise.all(loops);

  expect(bob, "Bob quick-played into Ann's room").toBe(ann);
  const seats = answers.filter((a) => a.body.sessionId !== undefined).length;
  const codes = new Set(answers.map((a) => a.body.code).filter((c) => c !== undefined));
  // The token-less half got nothing; the attacker's own token got at most its two reservations
  // (they count for 11 s, longer than the attack lasts).
  expect(seats, `seats the attacker got out of ${answers.length} requests`).toBeLessThanOrEqual(2);
  expect([...codes].sort()).toEqual([JoinErrorCode.AuthFailed, JoinErrorCode.TooManyReservations]);
  expect(ts.serverRoom(ann).clients.length, "both honest players seated").toBe(2);
});
