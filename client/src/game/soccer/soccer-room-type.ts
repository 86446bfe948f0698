import { soccerGame, type SoccerBody, type SoccerInput, type SoccerPlayer } from "@arena/shared/games/soccer";
import type { ClientRoomType } from "../../net/index.js";

/** Soccer for the client netcode: its shared definition, plus the ball interpolated. */
export const soccerClientType: ClientRoomType<SoccerPlayer, SoccerBody, SoccerInput> = {
  ...soccerGame,
  /** The ball: [x, y], cut (not swept) when a goal puts it back on the centre spot. */
  entities: { balls: {} },
};
