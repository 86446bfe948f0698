import Phaser from "phaser";
import { ArenaScene } from "./game/arena/arena-scene.js";
import { ConnectScene } from "./game/connect-scene.js";
import { browserNameStore, readLaunchOptions } from "./game/launch-options.js";
import { installGameHook } from "./game/test-hook.js";
import "./style.css";

// URL parameters: ?name=<player name> ?lag=<added RTT ms> ?jitter=<ms> ?bw=<bytes/s> ?debug (F3 overlay open)
const options = readLaunchOptions(window.location.search, browserNameStore());
// Read-only test hook: window.__game (see game/test-hook.ts for the contract).
const hook = installGameHook();

new Phaser.Game({
  type: Phaser.AUTO,
  parent: "game",
  backgroundColor: "#0d1017",
  scale: { mode: Phaser.Scale.RESIZE, width: "100%", height: "100%" },
  // Raw frame times: the netcode's fixed input tick must follow real time, not a smoothed average.
  fps: { smoothStep: false },
  input: { keyboard: true, mouse: true },
  scene: [new ConnectScene(options, hook), new ArenaScene()],
});
