import type { FieldMap } from "../../sim/geometry.js";
import { ARENA_HEIGHT_PX, ARENA_WIDTH_PX } from "./constants.js";

/** The arena's layout; its walls include a border frame outside the playable area (so shots stop at the edge). */
export type ArenaMap = FieldMap;

const BORDER_PX = 64;
const W = ARENA_WIDTH_PX;
const H = ARENA_HEIGHT_PX;

/** The one map every arena room plays on. Walls are at least 40 px thick. */
export const ARENA_MAP: ArenaMap = {
  widthPx: W,
  heightPx: H,
  walls: [
    { x: -BORDER_PX, y: -BORDER_PX, w: W + 2 * BORDER_PX, h: BORDER_PX },
    { x: -BORDER_PX, y: H, w: W + 2 * BORDER_PX, h: BORDER_PX },
    { x: -BORDER_PX, y: 0, w: BORDER_PX, h: H },
    { x: W, y: 0, w: BORDER_PX, h: H },
    { x: 300, y: 250, w: 240, h: 40 },
    { x: 1060, y: 250, w: 240, h: 40 },
    { x: 300, y: 910, w: 240, h: 40 },
    { x: 1060, y: 910, w: 240, h: 40 },
    { x: 760, y: 520, w: 80, h: 160 },
    { x: 200, y: 500, w: 40, h: 200 },
    { x: 1360, y: 500, w: 40, h: 200 },
    { x: 560, y: 580, w: 120, h: 40 },
    { x: 920, y: 580, w: 120, h: 40 },
    { x: 760, y: 120, w: 80, h: 60 },
    { x: 760, y: 1020, w: 80, h: 60 },
  ],
  spawnPoints: [
    { x: 100, y: 100 }, { x: 800, y: 60 }, { x: 1500, y: 100 },
    { x: 100, y: 600 }, { x: 1500, y: 600 },
    { x: 100, y: 1100 }, { x: 800, y: 1140 }, { x: 1500, y: 1100 },
    { x: 480, y: 420 }, { x: 1120, y: 420 }, { x: 480, y: 780 }, { x: 1120, y: 780 },
  ],
};
