import type Phaser from "phaser";
import type { ScreenRect } from "./virtual-stick.js";

/**
 * A scoreboard's row order that can hold still (see boardHeld), so a name does not move away
 * under a click or tap: a watcher picks names to follow players, and every kill or point re-sorts
 * the board. While held, players keep their rows, newcomers go last and leavers drop out; when
 * released, the board shows the ranking again.
 */
export class HeldOrder {
  private shown: string[] = [];

  /** `ranked`: player ids best first. Returns them in the order to draw. */
  arrange(ranked: readonly string[], held: boolean): readonly string[] {
    if (!held) {
      this.shown = [...ranked];
      return this.shown;
    }
    const present = new Set(ranked);
    const kept = this.shown.filter((id) => present.has(id));
    const keptSet = new Set(kept);
    this.shown = [...kept, ...ranked.filter((id) => !keptSet.has(id))];
    return this.shown;
  }
}

/**
 * The ids a board shows, top to bottom: `order` cut to `maxRows`, except that `pinnedId` (your own,
 * or a watcher's followed player) takes the last row when it falls below the cut.
 */
export function rowsShown(order: readonly string[], maxRows: number, pinnedId: string): readonly string[] {
  const at = order.indexOf(pinnedId);
  return at >= maxRows ? [...order.slice(0, maxRows - 1), pinnedId] : order.slice(0, maxRows);
}

/** How long a tap on the board holds its order: long enough to tap again if the first tap missed. */
export const TOUCH_HOLD_MS = 3000;

/**
 * Should the board at `box` (screen px) hold its order? While the mouse is over it, and for
 * TOUCH_HOLD_MS after a finger touched it (a touch leaves no hover to hold it before the tap).
 */
export function boardHeld(scene: Phaser.Scene, box: ScreenRect): boolean {
  const p = scene.input.activePointer;
  const inside = (x: number, y: number): boolean => x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height;
  if (p.wasTouch) return p.downTime > 0 && inside(p.downX, p.downY) && performance.now() - p.downTime < TOUCH_HOLD_MS;
  return scene.input.isOver && inside(p.x, p.y);
}
