import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { JoinErrorCode, ServerMessage, type FollowingMessage } from "@arena/shared";
import type { ArenaState } from "@arena/shared/games/arena";
import {
  Children, clientVia, findRedisServer, hostOf, joinVia, listRooms, startRedis, startServer, until, type ServerProcess,
} from "./harness.js";

// Spectating across processes: real redis-server, two real `node server/dist/main.js` processes,
// real colyseus.js clients. A spectator asks one process for a seat in a room another one runs.
// Needs a build (npx tsc -b).
const REDIS_BIN = findRedisServer();
const IN_CI = process.env.CI === "true";
/** One spectator seat per room, so the second spectator shows the refusal crossing processes. */
const SPECTATORS_PER_ROOM = 1;

describe.skipIf(!REDIS_BIN && !IN_CI)("spectating a room on another process (Redis)", () => {
  const children = new Children();
  const open: Room[] = [];
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    if (!REDIS_BIN) throw new Error("redis-server is not installed (required under CI=true)");
    const redis = await startRedis(children, REDIS_BIN);
    const env = { SPECTATORS_PER_ROOM: String(SPECTATORS_PER_ROOM) };
    [a, b] = await Promise.all([startServer(children, "A", redis.url, env), startServer(children, "B", redis.url, env)]);
  });
  afterAll(async () => {
    for (const room of open) room.connection?.close();
    await children.killAll();
  });

  /** `POST /spectate/<roomId>` on `proc` with a guest token from it. */
  async function spectateVia(proc: ServerProcess, name: string, roomId: string) {
    const client = await clientVia(proc, name);
    const res = await fetch(`${proc.httpUrl}/spectate/${roomId}`, { method: "POST", headers: { Authorization: `Bearer ${client.auth.token}` } });
    return { client, status: res.status, body: (await res.json()) as Record<string, unknown> & { room?: { publicAddress?: string } } };
  }

  const clientsOn = async (proc: ServerProcess): Promise<number> => ((await (await fetch(`${proc.httpUrl}/healthz`)).json()) as { clients: number }).clients;

  it("a spectator asking the other process gets a seat on the room's process, its socket goes there, and it receives the state; a second is refused with spectators_full", async () => {
    const host = await joinVia(a, "host", "create");
    open.push(host);
    // The room runs where matchmaking put it; the spectator asks the other process.
    const home = hostOf(await listRooms(a), host.roomId) === a.publicAddress ? a : b;
    const other = home === a ? b : a;
    const homeClients = await clientsOn(home);
    const otherClients = await clientsOn(other);

    const seat = await spectateVia(other, "watcher", host.roomId);
    expect(seat.status, JSON.stringify(seat.body)).toBe(200);
    // The reservation names the room's own process, so colyseus.js opens the socket there.
    expect(seat.body.room?.publicAddress).toBe(home.publicAddress);
    const watcher = await seat.client.consumeSeatReservation<ArenaState>(seat.body as never);
    open.push(watcher);
    const following: FollowingMessage[] = [];
    watcher.onMessage(ServerMessage.Following, (m: FollowingMessage) => following.push(m));
    watcher.onMessage("*", () => undefined);

    // It receives the room's state (the host's player, ticks advancing) and follows the host.
    await until(() => watcher.state.players?.get(host.sessionId), 5000, "the host's player in the spectator's state", 20);
    const tick = watcher.state.tick;
    await until(() => watcher.state.tick >= tick + 10, 5000, "patches reaching the spectator", 20);
    await until(() => following.some((m) => m.sessionId === host.sessionId), 5000, "following the host", 20);
    // It is a spectator, not a player: not in the host's state, and connected to the room's process only.
    expect(host.state.players.has(watcher.sessionId)).toBe(false);
    expect(watcher.state.players.has(watcher.sessionId)).toBe(false);
    await until(async () => (await clientsOn(home)) === homeClients + 1, 3000, "the spectator counted on the room's process");
    expect(await clientsOn(other)).toBe(otherClients);

    // The spectator limit holds across processes: the seat on the home process is refused, over Redis, as 409.
    const refused = await spectateVia(other, "one-too-many", host.roomId);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: "spectators_full", code: JoinErrorCode.SpectatorsFull });

    await watcher.leave();
    await host.leave();
  });
});
