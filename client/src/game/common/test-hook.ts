import type Phaser from "phaser";
import type { NetStatsSnapshot } from "../../net/index.js";

/** A game's score fields, in games that have them (the arena; tag reports its score as kills). */
export interface HookScore {
  health?: number;
  kills?: number;
  deaths?: number;
}

/** A player as the server state has it (plus the game's score fields, if any). */
export interface HookPlayer extends HookScore {
  id: string;
  name: string;
  x: number;
  y: number;
}

/** An item of a synced collection (a ball, a pickup) where it was last drawn. */
export interface HookEntity {
  id: string;
  x: number;
  y: number;
}

/**
 * Read-only test hook on `window.__game`, for end-to-end tests and debugging. Updated every frame.
 *
 * - `ready`: true once the game scene runs and the local player has been drawn.
 * - `status`: "connecting" | "playing" | "reconnecting" (connection dropped, retrying) | "error" (join
 *   failed) | "disconnected" (left for good); `message` says why.
 * - `sessionId`, `roomId`: of the joined room ("" before joining; kept across a reconnect).
 * - `frames`: rendered frames of the game scene so far.
 * - `stats()`: the NetSession's NetStatsSnapshot (all zero before joining).
 * - `local()`: the local player's rendered (predicted + smoothed) position plus its server
 *   health/kills/deaths in games that have them (absent otherwise), or null before it exists.
 * - `remote(id)`: where player `id` was last drawn (remote players: interpolated; your own id:
 *   predicted), or null when not drawn.
 * - `entities(collection)`: the items of a synced collection other than `players` (e.g. soccer's
 *   "balls") as drawn on the last frame (interpolated on the render clock), [] when none was drawn.
 * - `players()`: every player from the server state (server positions, not rendered ones).
 * - `shots()`: the arena's own-shot verdicts (resolved, hits, drawn hits the server refused, the
 *   newest shot's rewind and clamp), or null in other room types.
 * - `emote(id)`: the emote player `id` shows now ("" none), or null in room types without emotes (tag has them).
 * - `toScreen(x, y)`: where world point (x, y) is drawn on the page this frame, in CSS px from the
 *   viewport's top-left corner (to aim `page.mouse`), or null before a game scene runs.
 * - `touch`: the game shows on-screen touch controls.
 * - `sounds()`: how many times each sound was played (muted ones not counted), e.g. { shot: 3 }.
 * - `hud()`: page boxes (CSS px) of the canvas-drawn HUD pieces shown now, by name ("stats",
 *   "scoreboard", "killFeed", "overlay", "hint", "banner", "stick", "aim", "dash"...); the DOM
 *   pieces (lobby link, sound button) are the page's own elements.
 * - `killFeed()`: the kill feed's lines shown now, newest last ("alice shot Bot 1").
 * - `banner()`: the centred message shown now ("" none), e.g. "Killed by Bot 2\nRespawn in 2 s".
 * - `hint()`: the controls hint shown now ("" once it has faded).
 * - `nameTag(id)`: the name drawn over player `id` ("Bot 1 [bot]" for a bot), or null.
 * - `watching`: the page watches as a spectator (`?room=<id>&watch`): no own player (`local()` is
 *   null, `sessionId` is in no `players()`); `ready` turns true once the followed player is drawn.
 * - `following()`: watching, the id of the player the camera follows (the server's `following`),
 *   else null.
 * - `scoreboardRows()`: watching, the names a spectator may click or tap to follow that player
 *   (the game's scoreboard rows, or the spectator's own list in a game without one), as page boxes
 *   with the player's id and whether the row is highlighted as the followed one; [] when playing.
 *   `hud()` then also has "watchLine" (the "Watching <name>" text), "next" on a touch screen (the
 *   spectator's NEXT button) and, in a game without a scoreboard, "scoreboard" (the spectator's list).
 *
 * Tests must only read it: writes are ignored by the game and overwritten.
 */
export interface GameHook {
  ready: boolean;
  status: "connecting" | "playing" | "reconnecting" | "error" | "disconnected";
  message: string;
  sessionId: string;
  roomId: string;
  frames: number;
  stats(): NetStatsSnapshot;
  local(): ({ x: number; y: number } & HookScore) | null;
  remote(id: string): { x: number; y: number } | null;
  entities(collection: string): HookEntity[];
  players(): HookPlayer[];
  toScreen(x: number, y: number): { x: number; y: number } | null;
  emote(id: string): string | null;
  shots(): { resolved: number; hits: number; refusedHits: number; last: { rewindMs: number; clamped: boolean; hit: boolean } | null } | null;
  touch: boolean;
  sounds(): Record<string, number>;
  hud(): Record<string, { x: number; y: number; width: number; height: number }>;
  killFeed(): string[];
  banner(): string;
  hint(): string;
  nameTag(id: string): string | null;
  watching: boolean;
  following(): string | null;
  scoreboardRows(): { id: string; x: number; y: number; width: number; height: number; highlighted: boolean }[];
}

declare global {
  interface Window {
    __game?: GameHook;
  }
}

const EMPTY_STATS: NetStatsSnapshot = {
  teleports: 0,
  rttMs: 0, jitterMs: 0, patchesPerSec: 0, bytesDownPerSec: 0, pendingInputs: 0,
  corrections: 0, lastCorrectionPx: 0, interpDelayMs: 0, serverTick: 0, renderTick: 0,
  inputAgeMsP50: 0, inputAgeMsP99: 0, inputQueueDepthMean: 0, inputQueueDepthMax: 0,
};

/** Put a fresh hook on `window.__game` (status "connecting") and return it for the game to fill in. */
export function installGameHook(): GameHook {
  const hook: GameHook = {
    ready: false,
    status: "connecting",
    message: "",
    sessionId: "",
    roomId: "",
    frames: 0,
    stats: () => ({ ...EMPTY_STATS }),
    local: () => null,
    remote: () => null,
    entities: () => [],
    players: () => [],
    toScreen: () => null,
    shots: () => null,
    emote: () => null,
    touch: false,
    sounds: () => ({}),
    hud: () => ({}),
    killFeed: () => [],
    banner: () => "",
    hint: () => "",
    nameTag: () => null,
    watching: false,
    following: () => null,
    scoreboardRows: () => [],
  };
  window.__game = hook;
  return hook;
}

/** Point `hook.toScreen` at a running scene's main camera (read only: it changes nothing). */
export function bindCameraHook(hook: GameHook, scene: Phaser.Scene): void {
  hook.toScreen = (x, y) => {
    // The inverse of camera.getWorldPoint, which the game uses to turn the pointer into an aim.
    const m = scene.cameras.main.matrixCombined;
    const rect = scene.game.canvas.getBoundingClientRect();
    // The canvas may be drawn at a different size than its backing store.
    const sx = rect.width / scene.scale.width;
    const sy = rect.height / scene.scale.height;
    return { x: rect.left + (x * m.a + y * m.c + m.e) * sx, y: rect.top + (x * m.b + y * m.d + m.f) * sy };
  };
}
