import type { BotBrain } from "../../framework/index.js";
import { arenaBotBrain } from "../../rooms/arena/arena-bot.js";
import { tagBotBrain } from "../../rooms/tag/tag-bot.js";

/**
 * A headless bot's behaviour for one room type: the same BotBrain the server's bot fill uses,
 * run over the client's decoded state with the bot's own sessionId.
 */
// The registry is heterogeneous (each room type has its own state and input).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BotBehaviour = BotBrain<any, any>;

const behaviours = new Map<string, BotBehaviour>();

/** Teach the bots a room type: `roomName` as registered with the game server (e.g. "arena"). */
export function registerBotBehaviour<S, I>(roomName: string, brain: BotBrain<S, I>): void {
  behaviours.set(roomName, brain);
}

/** The behaviour for `roomName`, or undefined when no room type of that name registered one. */
export function botBehaviour(roomName: string): BotBehaviour | undefined {
  return behaviours.get(roomName);
}

/** Room names with a behaviour. */
export function botRoomNames(): string[] {
  return [...behaviours.keys()].sort();
}

// The arena brain reads positions with arenaX/arenaY, which decode a client's copy (pose slots).
registerBotBehaviour("arena", arenaBotBrain);
registerBotBehaviour("tag", tagBotBrain);
