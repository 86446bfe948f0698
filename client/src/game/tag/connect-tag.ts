import { tagGame, type TagBody, type TagInput, type TagPlayer, type TagState } from "@arena/shared/games/tag";
import { connectGame, type GameConnection } from "../common/connection.js";
import type { JoinTarget, LaunchOptions } from "../common/launch-options.js";

/** A joined tag room, fully typed. */
export type TagConnection = GameConnection<TagState, TagPlayer, TagBody, TagInput>;

export function connectTag(options: LaunchOptions, target: JoinTarget): Promise<TagConnection> {
  return connectGame<TagState, TagPlayer, TagBody, TagInput>(options, target, tagGame, tagGame.serverMessages);
}
