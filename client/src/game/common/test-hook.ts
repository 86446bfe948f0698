import type Phaser from "phaser";
import type { NetStatsSnapshot } from "../../net/index.js";

/** A player as the server state has it. */
export interface HookPlayer {
  id: string;
  name: string;
  x: number;
  y: number;
  health: number;
  kills: number;
  deaths: number;
}

/**
 * Read-only test hook on `window.__game`, for end-to-end tests and debugging. Updated every frame.
 *
 * - `ready`: true once the arena scene runs and the local player has been drawn.
 * - `status`: "connecting" | "playing" | "reconnecting" (connection dropped, retrying) | "error" (join
 *   failed) | "disconnected" (left for good); `message` says why.
 * - `sessionId`, `roomId`: of the joined room ("" before joining; kept across a reconnect).
 * - `frames`: rendered frames of the arena scene so far.
 * - `stats()`: the NetSession's NetStatsSnapshot (all zero before joining).
 * - `local()`: the local player's rendered (predicted + smoothed) position plus its server
 *   health/kills/deaths, or null before it exists.
 * - `remote(id)`: where player `id` was last drawn (remote players: interpolated; your own id:
 *   predicted), or null when not drawn.
 * - `players()`: every player from the server state (server positions, not rendered ones).
 * - `shots()`: the arena's own-shot verdicts (resolved, hits, drawn hits the server refused, the
 *   newest shot's rewind and clamp), or null in other room types.
 * - `emote(id)`: the emote player `id` shows now ("" none), or null in room types without emotes (tag has them).
 * - `toScreen(x, y)`: where world point (x, y) is drawn on the page this frame, in CSS px from the
 *   viewport's top-left corner (to aim `page.mouse`), or null before a game scene runs.
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
  local(): { x: number; y: number; health: number; kills: number; deaths: number } | null;
  remote(id: string): { x: number; y: number } | null;
  players(): HookPlayer[];
  toScreen(x: number, y: number): { x: number; y: number } | null;
  emote(id: string): string | null;
  shots(): { resolved: number; hits: number; refusedHits: number; last: { rewindMs: number; clamped: boolean; hit: boolean } | null } | null;
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
    players: () => [],
    toScreen: () => null,
    shots: () => null,
    emote: () => null,
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
