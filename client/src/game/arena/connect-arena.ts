import { ServerMessage, type ArenaInput, type ArenaPlayer, type ArenaState } from "@arena/shared";
import { connectGame, type GameConnection } from "../common/connection.js";
import type { JoinTarget, LaunchOptions } from "../common/launch-options.js";
import { arenaClientType, type ArenaBody } from "./arena-room-type.js";

/** A joined arena, fully typed. */
export type ArenaConnection = GameConnection<ArenaState, ArenaPlayer, ArenaBody, ArenaInput>;
export type ArenaSession = ArenaConnection["session"];

/** Join an arena room (collecting its `shot` messages from the start). */
export function connectArena(options: LaunchOptions, target: JoinTarget): Promise<ArenaConnection> {
  return connectGame<ArenaState, ArenaPlayer, ArenaBody, ArenaInput>(options, target, arenaClientType, [ServerMessage.Shot]);
}
