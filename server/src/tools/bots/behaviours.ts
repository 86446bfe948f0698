import { unpackPoses, type PosePacking } from "@arena/shared";
import type { BotBrain } from "../../framework/index.js";
import { ROOM_TYPES } from "../../rooms/registry.js";

/**
 * A headless bot's behaviour for one room type: the same BotBrain the server's bot fill uses,
 * run over the client's decoded state with the bot's own sessionId.
 */
// The registry is heterogeneous (each room type has its own state and input).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BotBehaviour = BotBrain<any, any>;

const behaviours = new Map<string, BotBehaviour>();

/**
 * Teach the bots a room type: `roomName` as registered with the game server (e.g. "arena").
 * With the room type's `posePacking`, the decoded state's packed fields are unpacked into plain
 * fields before each decision, so the brain reads `player.x` as it does on the server.
 */
export function registerBotBehaviour<S, I>(roomName: string, brain: BotBrain<S, I>, posePacking?: PosePacking): void {
  behaviours.set(roomName, posePacking ? (state: S, botId: string, tick: number) => {
    unpackPoses(posePacking, state as never);
    return brain(state, botId, tick);
  } : brain);
}

/** The behaviour for `roomName`, or undefined when no room type of that name registered one. */
export function botBehaviour(roomName: string): BotBehaviour | undefined {
  return behaviours.get(roomName);
}

/** Room names with a behaviour. */
export function botRoomNames(): string[] {
  return [...behaviours.keys()].sort();
}

// Every registered room type with a bot (server/src/rooms/registry.ts), unpacking its compact poses if it has them.
for (const type of ROOM_TYPES) if (type.bot) registerBotBehaviour(type.name, type.bot, type.posePacking);
