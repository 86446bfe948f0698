import { soccerGame, type SoccerBody, type SoccerInput, type SoccerPlayer, type SoccerState } from "@arena/shared/games/soccer";
import { connectGame, type GameConnection } from "../common/connection.js";
import type { JoinTarget, LaunchOptions } from "../common/launch-options.js";
import { soccerClientType } from "./soccer-room-type.js";

/** A joined soccer room, fully typed. */
export type SoccerConnection = GameConnection<SoccerState, SoccerPlayer, SoccerBody, SoccerInput>;

export function connectSoccer(options: LaunchOptions, target: JoinTarget): Promise<SoccerConnection> {
  return connectGame<SoccerState, SoccerPlayer, SoccerBody, SoccerInput>(options, target, soccerClientType, soccerGame.serverMessages);
}
