import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchMaker } from "@colyseus/core";
import { Client, type Room } from "colyseus.js";
import { JoinErrorCode } from "@arena/shared";
import type { ArenaState } from "@arena/shared/games/arena";
import type { TestServer } from "../helpers/test-server.js";
import type * as Framework from "../../src/framework/index.js";
import type { ArenaRoom } from "../../src/rooms/arena/arena-room.js";
import { healthz, rawMatchmake } from "../helpers/raw-matchmake.js";

// Short seat reservations (Colyseus reads this when its Room module loads, hence the dynamic
// imports below) and a trusted loopback proxy, so each test plays from its own address
// (X-Forwarded-For) and the per-address counts of one test do not touch another's.
process.env.COLYSEUS_SEAT_RESERVATION_TIME = "2";
process.env.TRUST_PROXY = "loopback";
const { startTestServer, waitFor } = await import("../helpers/test-server.js");
const { guestIdentityProvider, matchmakingGate } = await import("../../src/framework/index.js") as typeof Framework;

const QUOTAS = {
  reservationsPerIdentity: 2, reservationsPerIp: 3,
  createsPerMinPerIdentity: 2, createsPerMinPerIp: 3,
  sessionsPerIdentity: 2, sessionsPerIp: 4,
};

let ts: TestServer;
let port: number;
beforeAll(async () => {
  ts = await startTestServer({ quotas: QUOTAS, roomConfig: { reconnectGraceSec: 1 } });
  port = ts.server.port;
});
afterAll(async () => {
  await ts?.close();
});

const token = (name = "p") => guestIdentityProvider().issue(name).token;
const from = (ip: string) => ({ "X-Forwarded-For": ip });
const counts = () => matchmakingGate().counts();
/** Seats taken or reserved in every listed room (Colyseus's own count). */
const seatsListed = async () => (await matchMaker.query({})).reduce((sum, room) => sum + room.clients, 0);

/** A colyseus.js client playing from `ip` (behind the trusted proxy) with its own or a given token. */
function clientFrom(ip: string, tokenOrName: string): Client {
  const client = new Client(ts.url);
  client.auth.token = tokenOrName.startsWith("v1.") ? tokenOrName : token(tokenOrName);
  client.http.headers = from(ip);
  return client;
}

async function joined<T>(room: Promise<Room<T>>): Promise<Room<T>> {
  const r = await room;
  r.onMessage("*", () => undefined);
  return r;
}

async function refusal(join: Promise<unknown>): Promise<number | undefined> {
  try {
    await join;
  } catch (err) {
    return (err as { code?: number }).code;
  }
  throw new Error("the join was not refused");
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Leave and wait until the server has removed the session. */
async function leave(...rooms: Room[]): Promise<void> {
  const before = counts().sessions;
  for (const room of rooms) await room.leave();
  await waitFor(() => counts().sessions === before - rooms.length, 3000, "sessions released");
}

describe("seat reservations", () => {
  it("are capped per identity and per address, and released when they expire", async () => {
    const ip = "203.0.113.1";
    const t1 = token("r1");
    const t2 = token("r2");
    const reserve = (t: string, who = ip) => rawMatchmake(port, "joinOrCreate", "arena", { token: t, headers: from(who) });
    expect((await reserve(t1)).body.sessionId).toEqual(expect.any(String));
    expect((await reserve(t1)).body.sessionId).toEqual(expect.any(String));
    expect((await reserve(t1)).body.code, "third reservation of one identity").toBe(JoinErrorCode.TooManyReservations);
    expect((await reserve(t2)).body.sessionId, "another identity on the same address").toEqual(expect.any(String));
    const refused = await reserve(t2);
    expect(refused.body.code, "fourth reservation of one address").toBe(JoinErrorCode.TooManyReservations);
    expect(refused.body.error).toMatch(/this address/);
    expect((await reserve(token("r3"), "203.0.113.2")).body.sessionId, "another address").toEqual(expect.any(String));
    expect(counts().reservations).toBe(4);
    expect(await seatsListed(), "seats reserved in the room listing").toBe(4);
    // Colyseus frees the seats after 2 s, the gate one second later; then the same identity may reserve again.
    await waitFor(() => counts().reservations === 0, 6000, "reservations expired");
    expect(await seatsListed()).toBe(0);
    expect((await reserve(t1)).body.sessionId).toEqual(expect.any(String));
    await waitFor(() => counts().reservations === 0, 6000, "reservation expired");
  });

  it("a socket join consumes the reservation, and leaving ends the session", async () => {
    const room = await joined(clientFrom("203.0.113.3", "sock").joinOrCreate<ArenaState>("arena"));
    expect(counts()).toEqual({ reservations: 0, sessions: 1 });
    await leave(room);
    expect(counts()).toEqual({ reservations: 0, sessions: 0 });
  });
});

describe("sessions", () => {
  it("are capped per identity, counting reservations in progress", async () => {
    const ip = "203.0.113.4";
    const t = token("twin");
    const a = await joined(clientFrom(ip, t).joinOrCreate<ArenaState>("arena"));
    const b = await joined(clientFrom(ip, t).joinOrCreate("tag"));
    expect(await refusal(clientFrom(ip, t).joinOrCreate("arena"))).toBe(JoinErrorCode.TooManySessions);
    expect((await rawMatchmake(port, "joinById", a.roomId, { token: t, headers: from(ip) })).body.code).toBe(JoinErrorCode.TooManySessions);
    await leave(a);
    const c = await joined(clientFrom(ip, t).joinById(b.roomId));
    await leave(b, c);
    expect(counts()).toEqual({ reservations: 0, sessions: 0 });
  });

  it("are capped per address, whatever the tokens", async () => {
    const ip = "203.0.113.5";
    const rooms: Room[] = [];
    for (let i = 0; i < 4; i++) rooms.push(await joined(clientFrom(ip, `n${i}`).joinOrCreate("arena")));
    expect(await refusal(clientFrom(ip, "n4").joinOrCreate("arena"))).toBe(JoinErrorCode.TooManySessions);
    // Another address is not affected.
    const other = await joined(clientFrom("203.0.113.6", "m").joinOrCreate("arena"));
    await leave(...rooms, other);
  });

  it("a dropped player's session lasts through the reconnect grace, then is released", async () => {
    const room = await joined(clientFrom("203.0.113.7", "drop").joinOrCreate<ArenaState>("arena"));
    // Fully joined first (Colyseus holds no seat for a socket that drops before confirming its join).
    await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own player");
    const serverRoom = ts.serverRoom<ArenaRoom>(room.roomId);
    (serverRoom.clients.getById(room.sessionId)?.ref as unknown as { terminate(): void }).terminate();
    await waitFor(() => !serverRoom.clients.getById(room.sessionId), 3000, "socket gone");
    expect(serverRoom.state.players.has(room.sessionId), "seat held for a reconnect").toBe(true);
    expect(counts().sessions, "session counted while the seat is held").toBe(1);
    await waitFor(() => counts().sessions === 0, 5000, "session released after the grace");
    expect((await healthz(port)).clients).toBe(0);
  });
});

describe("room creations", () => {
  it("are capped per identity and per address per minute; joinOrCreate into an open room is no creation", async () => {
    const ip = "203.0.113.8";
    const t = token("maker");
    await until(async () => (await matchMaker.query({})).length === 0, 5000, "no room left open by earlier tests");
    for (let i = 0; i < 2; i++) await leave(await joined(clientFrom(ip, t).create("arena")));
    expect(await refusal(clientFrom(ip, t).create("arena"))).toBe(JoinErrorCode.TooManyRoomsCreated);
    // Nothing open: quick play would create, so it is refused too...
    expect(await refusal(clientFrom(ip, t).joinOrCreate("arena"))).toBe(JoinErrorCode.TooManyRoomsCreated);
    // ...but with a room open (someone else's), quick play joins it.
    const host = await joined(clientFrom("203.0.113.9", "host").create<ArenaState>("arena"));
    const guest = await joined(clientFrom(ip, t).joinOrCreate<ArenaState>("arena"));
    expect(guest.roomId).toBe(host.roomId);
    // The address: one more creation by another identity there, then refused.
    await leave(await joined(clientFrom(ip, "maker2").create("tag")));
    const refused = await rawMatchmake(port, "create", "tag", { token: token("maker3"), headers: from(ip) });
    expect(refused.body.code).toBe(JoinErrorCode.TooManyRoomsCreated);
    expect(refused.body.error).toMatch(/this address/);
    await leave(guest, host);
  });
});

describe("addresses", () => {
  it("X-Real-IP is not taken from the client; X-Forwarded-For only through the trusted proxy", async () => {
    const reserve = (realIp: string) => rawMatchmake(port, "joinOrCreate", "arena", { token: token(), headers: { ...from("203.0.113.10"), "X-Real-IP": realIp } });
    for (let i = 0; i < 3; i++) expect((await reserve(`198.51.100.${i}`)).body.sessionId).toEqual(expect.any(String));
    expect((await reserve("198.51.100.99")).body.code, "counted on the forwarded address, not X-Real-IP").toBe(JoinErrorCode.TooManyReservations);
    await waitFor(() => counts().reservations === 0, 6000, "reservations expired");
  });
});

describe("the lobby", () => {
  it("needs no token, and counts per address", async () => {
    const ip = "203.0.113.11";
    const anonymous = () => {
      const client = new Client(ts.url);
      client.http.headers = from(ip);
      return client;
    };
    const lobbies: Room[] = [];
    for (let i = 0; i < 4; i++) lobbies.push(await joined(anonymous().joinOrCreate("lobby")));
    expect(new Set(lobbies.map((l) => l.roomId)).size, "one shared lobby").toBe(1);
    expect(await refusal(anonymous().joinOrCreate("lobby"))).toBe(JoinErrorCode.TooManySessions);
    await leave(...lobbies);
    expect(counts()).toEqual({ reservations: 0, sessions: 0 });
  });
});

describe("names", () => {
  it("are unique within a room", async () => {
    const ip = (i: number) => `203.0.114.${i}`;
    const first = await joined(clientFrom(ip(1), "Ann").create<ArenaState>("arena"));
    const second = await joined(clientFrom(ip(2), "Ann").joinById<ArenaState>(first.roomId));
    const third = await joined(clientFrom(ip(3), "Ann").joinById<ArenaState>(first.roomId));
    const long = "Abcdefghijklmnop";
    const l1 = await joined(clientFrom(ip(4), long).joinById<ArenaState>(first.roomId));
    const l2 = await joined(clientFrom(ip(5), long).joinById<ArenaState>(first.roomId));
    const names = () => [...ts.serverRoom<ArenaRoom>(first.roomId).state.players.values()].map((p) => p.name).sort();
    expect(names()).toEqual(["Abcdefghijklmn 2", long, "Ann", "Ann 2", "Ann 3"].sort());
    await leave(second);
    const again = await joined(clientFrom(ip(6), "Ann").joinById<ArenaState>(first.roomId));
    expect(names()).toContain("Ann 2");
    await leave(first, third, l1, l2, again);
  });
});
