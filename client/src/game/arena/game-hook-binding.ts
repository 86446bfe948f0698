import { decodedPose } from "@arena/shared";
import { bindSessionHook } from "../common/hook-binding.js";
import type { GameHook } from "../common/test-hook.js";
import type { ArenaConnection } from "./connect-arena.js";
import type { PlayerSprites } from "./player-sprites.js";

/** Point the read-only test hook (window.__game) at a running arena scene. */
export function bindGameHook(hook: GameHook, conn: ArenaConnection, sprites: PlayerSprites): void {
  bindSessionHook(
    hook, conn, (id) => sprites.position(id), (p) => ({ health: p.health, kills: p.kills, deaths: p.deaths }),
    (p) => decodedPose(conn.session.state, p, { x: 0, y: 0, aim: 0 }),
  );
}
