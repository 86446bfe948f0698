import type Phaser from "phaser";
import type { JoinTarget, LaunchOptions } from "./common/launch-options.js";
import type { GameHook } from "./common/test-hook.js";
import { arenaGame } from "@arena/shared/games/arena";
import { tagGame } from "@arena/shared/games/tag";
import { soccerGame } from "@arena/shared/games/soccer";
import { connectArena } from "./arena/connect-arena.js";
import { connectTag } from "./tag/connect-tag.js";
import { connectSoccer } from "./soccer/connect-soccer.js";
// new-room:imports (npm run new-room adds imports above this line)

/** What a scene of any game is started with. */
export interface GameSceneData<C> {
  conn: C;
  hook: GameHook;
}

/** A playable room type as the client knows it: how to join it and which scene draws it. */
export interface GameEntry {
  /** Room name on the server: the game's shared definition's `name` (as registered in server/src/rooms/registry.ts). */
  roomName: string;
  label: string;
  description: string;
  /** Phaser scene key; the scene's init receives GameSceneData with the result of `connect`. */
  sceneKey: string;
  /**
   * The game's scene. Import the scene's module dynamically (`await import(...)`), never at the
   * top of this file: the lobby imports this registry, and a static import of a scene would pull
   * Phaser (about 1.2 MB) into the first page (see docs/performance.md, "A light first page").
   */
  createScene(): Phaser.Scene | Promise<Phaser.Scene>;
  connect(options: LaunchOptions, target: JoinTarget): Promise<unknown>;
}

/**
 * Every game the client can play: the one place a game is registered on the client (its scene, how
 * to connect, and the lobby's text). The lobby and the game page find games here only. Phaser-free
 * (the lobby lists these): scenes are loaded when a room is joined.
 */
export const GAMES: readonly GameEntry[] = [
  {
    roomName: arenaGame.name,
    label: "Arena",
    description: "Top-down shooter: WASD/arrows to move, mouse to aim, click to shoot.",
    sceneKey: "arena",
    createScene: async () => new (await import("./arena/arena-scene.js")).ArenaScene(),
    connect: connectArena,
  },
  {
    roomName: tagGame.name,
    label: "Tag",
    description: "Whoever is it chases the rest: WASD/arrows to run, Space to dash. Score a point per second you are free.",
    sceneKey: "tag",
    createScene: async () => new (await import("./tag/tag-scene.js")).TagScene(),
    connect: connectTag,
  },
  {
    roomName: soccerGame.name,
    label: "Soccer",
    description: "Two teams, one ball: WASD/arrows to run (you push the ball), Space to kick. Score in the other team's goal.",
    sceneKey: "soccer",
    createScene: async () => new (await import("./soccer/soccer-scene.js")).SoccerScene(),
    connect: connectSoccer,
  },
  // new-room:games (npm run new-room adds games above this line)
];

export function findGame(roomName: string): GameEntry | undefined {
  return GAMES.find((g) => g.roomName === roomName);
}
