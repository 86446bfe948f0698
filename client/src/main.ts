import Phaser from "phaser";
import { ConnectScene } from "./game/common/connect-scene.js";
import { browserNameStore, readLaunchOptions } from "./game/common/launch-options.js";
import { installGameHook } from "./game/common/test-hook.js";
import { GAMES, findGame } from "./game/registry.js";
import { startLobby } from "./lobby/lobby.js";
import "./style.css";

// URL parameters:
//   (none)                          the lobby
//   ?play=<type>                    quick play: the fullest room of that type with space, else a new one
//   ?create=<type>                  a new room of that type
//   ?room=<roomId>&type=<type>      that room (a shared link)
//   ?name=<player name> ?lag=<added RTT ms> ?jitter=<ms> ?bw=<bytes/s> ?debug (F3 overlay open)
const store = browserNameStore();
const options = readLaunchOptions(window.location.search, store);
const root = document.getElementById("game")!;

if (!options.target) {
  document.body.classList.add("in-lobby");
  startLobby(root, GAMES, store, options.name === "Guest" ? "" : options.name);
} else {
  const entry = findGame(options.target.roomName);
  if (!entry) {
    root.textContent = `Unknown room type "${options.target.roomName}".`;
  } else {
    // Read-only test hook: window.__game (see game/common/test-hook.ts for the contract).
    const hook = installGameHook();
    const back = document.createElement("a");
    back.href = "/";
    back.className = "back-to-lobby";
    back.textContent = "← Lobby";
    document.body.append(back);
    new Phaser.Game({
      type: Phaser.AUTO,
      parent: "game",
      backgroundColor: "#0d1017",
      scale: { mode: Phaser.Scale.RESIZE, width: "100%", height: "100%" },
      // Raw frame times: the netcode's fixed input tick must follow real time, not a smoothed average.
      fps: { smoothStep: false },
      input: { keyboard: true, mouse: true },
      scene: [new ConnectScene(options, hook, { ...entry, target: options.target }), entry.createScene()],
    });
  }
}
