import { Client, type Room } from "colyseus.js";
import type { ArenaState } from "@arena/shared/games/arena";

/**
 * For the project's scripted clients (browser tests' movers and targets, the bench): log in as a
 * guest `name` at `httpUrl` (POST /auth/guest) and join arena room `roomId` with colyseus.js.
 * `beforeState` runs on the joined room before its own player is waited for (register handlers
 * there); resolves once the own player is in the decoded state.
 */
export async function joinArenaAsGuest(httpUrl: string, roomId: string, name: string, beforeState: (room: Room<ArenaState>) => void = () => undefined): Promise<Room<ArenaState>> {
  const res = await fetch(`${httpUrl}/auth/guest`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name }),
  });
  if (!res.ok) throw new Error(`guest login: HTTP ${res.status}`);
  const client = new Client(httpUrl.replace(/^http/, "ws"));
  client.auth.token = ((await res.json()) as { token: string }).token;
  const room = await client.joinById<ArenaState>(roomId);
  beforeState(room);
  const deadline = Date.now() + 5000;
  while (!room.state.players?.get(room.sessionId)) {
    if (Date.now() > deadline) throw new Error(`${name}: own player never appeared in state`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return room;
}
