import type Phaser from "phaser";
import type { JoinTarget, LaunchOptions } from "./common/launch-options.js";
import type { GameHook } from "./common/test-hook.js";
import { ArenaScene } from "./arena/arena-scene.js";
import { connectArena } from "./arena/connect-arena.js";
import { TagScene } from "./tag/tag-scene.js";
import { connectTag } from "./tag/connect-tag.js";
// new-room:imports (npm run new-room adds imports above this line)

/** What a scene of any game is started with. */
export interface GameSceneData<C> {
  conn: C;
  hook: GameHook;
}

/** A playable room type as the client knows it: how to join it and which scene draws it. */
export interface GameEntry {
  /** Room name on the server (as registered in server/src/app.ts). */
  roomName: string;
  label: string;
  description: string;
  /** Phaser scene key; the scene's init receives GameSceneData with the result of `connect`. */
  sceneKey: string;
  createScene(): Phaser.Scene;
  connect(options: LaunchOptions, target: JoinTarget): Promise<unknown>;
}

/** Every game the client can play. The one place client-side room types are registered. */
export const GAMES: readonly GameEntry[] = [
  {
    roomName: "arena",
    label: "Arena",
    description: "Top-down shooter: WASD/arrows to move, mouse to aim, click to shoot.",
    sceneKey: "arena",
    createScene: () => new ArenaScene(),
    connect: connectArena,
  },
  {
    roomName: "tag",
    label: "Tag",
    description: "Whoever is it chases the rest: WASD/arrows to run, Space to dash. Score a point per second you are free.",
    sceneKey: "tag",
    createScene: () => new TagScene(),
    connect: connectTag,
  },
  // new-room:games (npm run new-room adds games above this line)
];

export function findGame(roomName: string): GameEntry | undefined {
  return GAMES.find((g) => g.roomName === roomName);
}
