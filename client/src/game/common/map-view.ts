import type Phaser from "phaser";
import type { Rect } from "@arena/shared";

/** Any map made of a floor and rectangular walls (arena, tag, ...). */
export interface WalledMap {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly walls: readonly Rect[];
}

const FLOOR_COLOR = 0x1a1f2b;
const GRID_COLOR = 0x262d3d;
const GRID_STEP_PX = 80;
const WALL_COLOR = 0x4a5670;
const WALL_EDGE_COLOR = 0x7d8aa8;
const BORDER_COLOR = 0x323a4d;

/** Draw the static arena once: floor, grid, border frame and walls (world space, below everything). */
export function drawWalledMap(scene: Phaser.Scene, map: WalledMap): Phaser.GameObjects.Graphics {
  const g = scene.add.graphics().setDepth(-10);
  g.fillStyle(FLOOR_COLOR, 1);
  g.fillRect(0, 0, map.widthPx, map.heightPx);
  g.lineStyle(1, GRID_COLOR, 1);
  for (let x = GRID_STEP_PX; x < map.widthPx; x += GRID_STEP_PX) g.lineBetween(x, 0, x, map.heightPx);
  for (let y = GRID_STEP_PX; y < map.heightPx; y += GRID_STEP_PX) g.lineBetween(0, y, map.widthPx, y);
  for (const wall of map.walls) {
    const isBorder = wall.x < 0 || wall.y < 0 || wall.x >= map.widthPx || wall.y >= map.heightPx;
    g.fillStyle(isBorder ? BORDER_COLOR : WALL_COLOR, 1);
    g.fillRect(wall.x, wall.y, wall.w, wall.h);
    g.lineStyle(2, WALL_EDGE_COLOR, isBorder ? 0.5 : 1);
    g.strokeRect(wall.x, wall.y, wall.w, wall.h);
  }
  return g;
}
