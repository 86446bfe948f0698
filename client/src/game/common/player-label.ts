import { isBotId } from "@arena/shared";

/**
 * How a player's name is shown (name tags, scoreboards, the kill feed): a server-side bot's with
 * " [bot]" after it, so nobody mistakes a bot for a person (a person may be called "Bot 1" too).
 */
export function playerLabel(id: string, name: string): string {
  return isBotId(id) ? `${name} [bot]` : name;
}
