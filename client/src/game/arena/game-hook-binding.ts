import type { Room } from "colyseus.js";
import type { ArenaState } from "@arena/shared";
import type { GameHook, HookPlayer } from "../test-hook.js";
import type { ArenaSession } from "./connect.js";
import type { PlayerSprites } from "./player-sprites.js";

/** Point the read-only test hook (window.__game) at a running arena scene. */
export function bindGameHook(
  hook: GameHook,
  room: Room<ArenaState>,
  session: ArenaSession,
  sprites: PlayerSprites,
): void {
  hook.status = "playing";
  hook.message = "";
  hook.sessionId = room.sessionId;
  hook.roomId = room.roomId;
  hook.frames = 0;
  hook.stats = () => session.stats();
  hook.remote = (id) => sprites.position(id);
  hook.local = () => {
    const drawn = sprites.position(room.sessionId);
    const player = room.state.players.get(room.sessionId);
    if (!drawn || !player) return null;
    return { x: drawn.x, y: drawn.y, health: player.health, kills: player.kills, deaths: player.deaths };
  };
  hook.players = () => {
    const players: HookPlayer[] = [];
    room.state.players.forEach((p, id) => {
      players.push({ id, name: p.name, x: p.x, y: p.y, health: p.health, kills: p.kills, deaths: p.deaths });
    });
    return players;
  };
}
