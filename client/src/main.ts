import { browserNameStore, readLaunchOptions, type JoinTarget } from "./game/common/launch-options.js";
import { httpBase, reserveReplayWatchSeat, reserveWatchSeat, serverEndpoint } from "./game/common/connection.js";
import { startReplaysPage } from "./lobby/replays-page.js";
import { GAMES, findGame } from "./game/registry.js";
import { startLobby } from "./lobby/lobby.js";
import "./style.css";

// URL parameters:
//   (none)                          the lobby
//   ?play=<type>                    quick play: the fullest room of that type with space, else a new one
//   ?create=<type>                  a new room of that type
//   ?room=<roomId>&type=<type>      that room (a shared link)
//   ?room=<roomId>&watch            watch that room as a spectator (the seat's answer names its game)
//   ?replays                        the recent recordings (GET /recordings)
//   ?replay=<id>[&at=<tick>]        replay one recording (a replay room, watched as a spectator)
//   ?name=<player name> ?lag=<added RTT ms> ?jitter=<ms> ?bw=<bytes/s> ?debug (F3 overlay open)
//
// The lobby is in this first chunk; the game (Phaser and the scenes) is a dynamic import, loaded
// only when a room is joined (see docs/performance.md, "A light first page").
const store = browserNameStore();
const options = readLaunchOptions(window.location.search, store);
const root = document.getElementById("game")!;
const target = options.target;

if (!target && new URLSearchParams(window.location.search).has("replays")) {
  document.body.classList.add("in-lobby");
  void startReplaysPage(root, httpBase(serverEndpoint()), window.location.origin);
} else if (!target) {
  document.body.classList.add("in-lobby");
  startLobby(root, GAMES, store, options.name === "Guest" ? "" : options.name);
  const replays = document.createElement("a");
  replays.href = "/?replays";
  replays.className = "replays-link";
  replays.textContent = "Replays";
  document.body.append(replays);
} else {
  void openGame(target);
  const back = document.createElement("a");
  back.href = "/";
  back.className = "back-to-lobby";
  back.textContent = "← Lobby";
  document.body.append(back);
}

/** Load and start the target's game; a watch target reserves its seat first (its answer names the game). */
async function openGame(target: JoinTarget): Promise<void> {
  if (target.kind === "watch" && !target.seat) {
    root.textContent = "Finding the room…";
    try {
      const seat = target.replay ? await reserveReplayWatchSeat(options, target.replay) : await reserveWatchSeat(options, target.roomId);
      target = { ...target, roomName: seat.reservation.room.name, seat };
    } catch (err) {
      console.warn("[game] could not watch the room", err);
      root.textContent = `Could not watch this room: ${err instanceof Error ? err.message : String(err)}. Pick a room in the lobby.`;
      return;
    }
  }
  const joinTarget = target;
  const entry = findGame(target.roomName);
  if (!entry) {
    root.textContent = `There is no game called "${target.roomName}" (an old or mistyped link). Pick one in the lobby.`;
  } else {
    root.textContent = `Loading ${entry.label}…`;
    root.classList.add("loading");
    import("./game/start-game.js").then(
      ({ startGame }) => {
        root.textContent = "";
        root.classList.remove("loading");
        return startGame(entry, joinTarget, options);
      },
    ).catch((err: unknown) => {
      console.error("[game] could not load the game", err);
      root.textContent = `Could not load the game (${err instanceof Error ? err.message : String(err)}). Check your connection and reload the page.`;
    });
  }
}
