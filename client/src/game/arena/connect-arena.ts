import { arenaGame, type ArenaInput, type ArenaPlayer, type ArenaState, type ArenaBody } from "@arena/shared/games/arena";
import { connectGame, type GameConnection } from "../common/connection.js";
import type { JoinTarget, LaunchOptions } from "../common/launch-options.js";

/** A joined arena, fully typed. */
export type ArenaConnection = GameConnection<ArenaState, ArenaPlayer, ArenaBody, ArenaInput>;
export type ArenaSession = ArenaConnection["session"];

/** Join an arena room (collecting its `shot` and `kill` messages from the start: arenaGame.serverMessages). */
export function connectArena(options: LaunchOptions, target: JoinTarget): Promise<ArenaConnection> {
  return connectGame<ArenaState, ArenaPlayer, ArenaBody, ArenaInput>(options, target, arenaGame, arenaGame.serverMessages);
}
