import type { PosePacking } from "@arena/shared";
import type { Room } from "@colyseus/core";
import type { BotBrain } from "./bot-fill.js";

/**
 * One game's registration on the server: the room class and what the process tells it, under
 * the room name its shared definition gives (`GameDefinition.name`). The game server defines every
 * entry (listed in the lobby, quick play fills the fullest room first); the headless bots
 * (`npm run bots`) and the bench find games and their bot behaviours through the same list
 * (server/src/rooms/registry.ts), so a game is registered once. `O` is the process's room-type
 * settings (from the environment at start-up).
 */
export interface RoomTypeEntry<O = unknown> {
  /** Room name clients join (its shared definition's `name`). */
  readonly name: string;
  /** The room class (a TickRoom subclass). */
  // Colyseus's own constructor type (Type<Room>), which it does not export from its index.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly room: new (...args: any[]) => Room;
  /**
   * Define options for this room type from the process's settings (e.g. the arena's practice
   * switch). The framework's own `serverConfig` always wins over them and over client options.
   */
  readonly options?: (settings: O) => Record<string, unknown>;
  /** How a headless bot plays it (the same brain the room's bot fill uses), if it has bots. */
  // Heterogeneous list: each room type has its own state and input.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly bot?: BotBrain<any, any>;
  /** The game's compact poses (its definition's `posePacking`), if any: headless bots unpack the decoded state with it. */
  readonly posePacking?: PosePacking;
}
