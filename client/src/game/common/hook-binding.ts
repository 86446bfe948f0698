import type { NetStatsSnapshot } from "../../net/index.js";
import type { GameHook, HookEntity, HookPlayer, HookScore } from "./test-hook.js";

/** The parts of a GameConnection the hook reads (any game). */
interface HookSource<P> {
  readonly session: {
    readonly sessionId: string;
    readonly state: { players: { forEach(cb: (p: P, id: string) => void): void; get(id: string): P | undefined } };
    stats(): NetStatsSnapshot;
  };
  readonly room: { roomId: string };
}

/** Where a scene drew things on its last frame: players by id, other collections' items. */
export interface DrawnSource {
  player(id: string): { x: number; y: number } | null;
  entities(collection: string): HookEntity[];
}

/**
 * Point the read-only test hook (window.__game) at a running game scene (GameSceneBase does this
 * for every scene built on it). `drawn` says where players and entities were last drawn; `score`
 * maps a game's player to the hook's health/kills/deaths fields (games without them leave it out,
 * and the fields are absent); players' server positions are their plain `x` and `y` fields.
 */
export function bindSessionHook<P extends { name: string; x: number; y: number }>(
  hook: GameHook,
  conn: HookSource<P>,
  drawn: DrawnSource,
  score: (player: P) => HookScore = () => ({}),
): void {
  const { session } = conn;
  hook.status = "playing";
  hook.message = "";
  hook.sessionId = session.sessionId;
  hook.roomId = conn.room.roomId;
  hook.frames = 0;
  hook.stats = () => session.stats();
  hook.remote = (id) => drawn.player(id);
  hook.entities = (collection) => drawn.entities(collection);
  hook.local = () => {
    const at = drawn.player(session.sessionId);
    const player = session.state.players.get(session.sessionId);
    return at && player ? { x: at.x, y: at.y, ...score(player) } : null;
  };
  hook.players = () => {
    const players: HookPlayer[] = [];
    session.state.players.forEach((p, id) => players.push({ id, name: p.name, x: p.x, y: p.y, ...score(p) }));
    return players;
  };
}
