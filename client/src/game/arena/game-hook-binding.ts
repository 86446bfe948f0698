import type { GameHook, HookPlayer } from "../test-hook.js";
import type { ArenaConnection } from "./connect.js";
import type { PlayerSprites } from "./player-sprites.js";

/** Point the read-only test hook (window.__game) at a running arena scene. */
export function bindGameHook(hook: GameHook, conn: ArenaConnection, sprites: PlayerSprites): void {
  const { session } = conn;
  hook.status = "playing";
  hook.message = "";
  hook.sessionId = session.sessionId;
  hook.roomId = conn.room.roomId;
  hook.frames = 0;
  hook.stats = () => session.stats();
  hook.remote = (id) => sprites.position(id);
  hook.local = () => {
    const drawn = sprites.position(session.sessionId);
    const player = session.state.players.get(session.sessionId);
    if (!drawn || !player) return null;
    return { x: drawn.x, y: drawn.y, health: player.health, kills: player.kills, deaths: player.deaths };
  };
  hook.players = () => {
    const players: HookPlayer[] = [];
    session.state.players.forEach((p, id) => {
      players.push({ id, name: p.name, x: p.x, y: p.y, health: p.health, kills: p.kills, deaths: p.deaths });
    });
    return players;
  };
}
