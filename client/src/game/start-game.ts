import Phaser from "phaser";
import { ConnectScene } from "./common/connect-scene.js";
import type { JoinTarget, LaunchOptions } from "./common/launch-options.js";
import { installGameHook } from "./common/test-hook.js";
import type { GameEntry } from "./registry.js";

/**
 * The game page: Phaser with the connect scene (joins `target`) and the game's own scene. This
 * module and everything it imports (Phaser, the scenes) is loaded by main.ts with a dynamic
 * import only when a room is joined, so the lobby never downloads Phaser.
 */
export async function startGame(entry: GameEntry, target: JoinTarget, options: LaunchOptions): Promise<Phaser.Game> {
  // Read-only test hook: window.__game (see game/common/test-hook.ts for the contract).
  const hook = installGameHook();
  const gameScene = await entry.createScene();
  return new Phaser.Game({
    type: Phaser.AUTO,
    parent: "game",
    backgroundColor: "#0d1017",
    scale: { mode: Phaser.Scale.RESIZE, width: "100%", height: "100%" },
    // Raw frame times: the netcode's fixed input tick must follow real time, not a smoothed average.
    fps: { smoothStep: false },
    input: { keyboard: true, mouse: true },
    scene: [new ConnectScene(options, hook, { ...entry, target }), gameScene],
  });
}
