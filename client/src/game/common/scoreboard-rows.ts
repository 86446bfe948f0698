import type { ScreenRect } from "./virtual-stick.js";

/**
 * One player's row on a scoreboard as drawn now, in screen px (the game's size, scroll factor 0).
 * A game's scene lists its scoreboard's rows (GameSceneBase.scoreboardRows) so that a spectator
 * can click or tap a name to follow that player, and sees the followed name highlighted.
 */
export interface ScoreboardRow {
  id: string;
  box: ScreenRect;
}

/** The id of the row under screen point (x, y), or null. */
export function rowAt(rows: readonly ScoreboardRow[], x: number, y: number): string | null {
  for (const { id, box } of rows) {
    if (x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height) return id;
  }
  return null;
}
