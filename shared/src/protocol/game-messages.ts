import { ClientMessage } from "./messages.js";

/**
 * Client message types the framework itself handles: a room type's game messages may not use
 * these names (nor "*", Colyseus's catch-all). Colyseus keys its handlers by the type as a string,
 * so the numeric InputPacked (1) reserves "1" too.
 */
export const RESERVED_CLIENT_MESSAGE_TYPES: readonly string[] = [...Object.values(ClientMessage).map(String), "*"];

/** What a game message type may be called: lower-case letters, digits and `_`, starting with a letter, at most 32 characters. */
export const GAME_MESSAGE_NAME = /^[a-z][a-z0-9_]{0,31}$/;

/**
 * Why `name` cannot be a game message type, or null when it can: a clear sentence for the
 * developer (the framework refuses such a declaration when the room is created).
 */
export function gameMessageNameProblem(name: string): string | null {
  if (RESERVED_CLIENT_MESSAGE_TYPES.includes(name)) {
    return `game message "${name}" collides with the framework's own message type "${name}" (reserved: ${RESERVED_CLIENT_MESSAGE_TYPES.join(", ")})`;
  }
  if (!GAME_MESSAGE_NAME.test(name)) {
    return `game message "${name.slice(0, 40)}" is not a valid name: use lower-case letters, digits and _, starting with a letter, at most 32 characters`;
  }
  return null;
}
