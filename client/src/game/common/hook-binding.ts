import type { NetStatsSnapshot } from "../../net/index.js";
import type { GameHook, HookPlayer } from "./test-hook.js";

/** The parts of a GameConnection the hook reads (any game). */
interface HookSource<P> {
  readonly session: {
    readonly sessionId: string;
    readonly state: { players: { forEach(cb: (p: P, id: string) => void): void; get(id: string): P | undefined } };
    stats(): NetStatsSnapshot;
  };
  readonly room: { roomId: string };
}

/**
 * Point the read-only test hook (window.__game) at a running game scene. `drawnAt` returns where
 * a player was last drawn; `score` maps a game's player to the hook's health/kills/deaths fields;
 * `positionOf` reads a decoded player's server position (default: its `x` and `y` fields; a game
 * that packs positions on the wire decodes them here).
 */
export function bindSessionHook<P extends { name: string }>(
  hook: GameHook,
  conn: HookSource<P>,
  drawnAt: (id: string) => { x: number; y: number } | null,
  score: (player: P) => { health: number; kills: number; deaths: number },
  positionOf: (player: P) => { x: number; y: number } = (p) => p as unknown as { x: number; y: number },
): void {
  const { session } = conn;
  hook.status = "playing";
  hook.message = "";
  hook.sessionId = session.sessionId;
  hook.roomId = conn.room.roomId;
  hook.frames = 0;
  hook.stats = () => session.stats();
  hook.remote = (id) => drawnAt(id);
  hook.local = () => {
    const drawn = drawnAt(session.sessionId);
    const player = session.state.players.get(session.sessionId);
    return drawn && player ? { x: drawn.x, y: drawn.y, ...score(player) } : null;
  };
  hook.players = () => {
    const players: HookPlayer[] = [];
    session.state.players.forEach((p, id) => {
      const { x, y } = positionOf(p);
      players.push({ id, name: p.name, x, y, ...score(p) });
    });
    return players;
  };
}
