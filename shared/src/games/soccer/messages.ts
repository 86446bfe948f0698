/** Soccer's server -> client events (broadcast; list them in connectGame's feed types). */
export const SoccerMessage = {
  /** A goal (SoccerGoalMessage); the ball and players are back on their kick-off spots in the same tick. */
  Goal: "goal",
  /** A player kicked the ball (SoccerKickMessage). */
  Kick: "kick",
} as const;

export interface SoccerGoalMessage {
  /** The scoring team (index into SOCCER_TEAMS). */
  team: number;
  /** e.g. "Red scores". */
  text: string;
  tick: number;
}

export interface SoccerKickMessage {
  /** The kicker's id in `state.players`. */
  by: string;
  tick: number;
}
