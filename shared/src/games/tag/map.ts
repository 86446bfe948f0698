import type { FieldMap } from "../../sim/geometry.js";
import { TAG_HEIGHT_PX, TAG_WIDTH_PX } from "./constants.js";

export type TagMap = FieldMap;

/** An open field with a few pillars to run around. */
export const TAG_MAP: TagMap = {
  widthPx: TAG_WIDTH_PX,
  heightPx: TAG_HEIGHT_PX,
  walls: [
    { x: 280, y: 180, w: 60, h: 60 },
    { x: 860, y: 180, w: 60, h: 60 },
    { x: 280, y: 560, w: 60, h: 60 },
    { x: 860, y: 560, w: 60, h: 60 },
    { x: 540, y: 340, w: 120, h: 120 },
  ],
  spawnPoints: [
    { x: 80, y: 80 }, { x: 1120, y: 80 }, { x: 80, y: 720 }, { x: 1120, y: 720 },
    { x: 600, y: 80 }, { x: 600, y: 720 }, { x: 80, y: 400 }, { x: 1120, y: 400 },
    { x: 400, y: 400 }, { x: 800, y: 400 },
  ],
};
