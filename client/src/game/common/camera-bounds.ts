import type { WalledMap } from "./map-view.js";

/** Axis-aligned box in world px. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Camera bounds: the whole map including its border frame; on an axis where the view is
 * larger than that, the box grows around the map's centre so the map sits centred, not in a corner.
 */
export function cameraBounds(map: WalledMap, viewWidth: number, viewHeight: number): Box {
  let minX = 0, minY = 0, maxX = map.widthPx, maxY = map.heightPx;
  for (const w of map.walls) {
    minX = Math.min(minX, w.x);
    minY = Math.min(minY, w.y);
    maxX = Math.max(maxX, w.x + w.w);
    maxY = Math.max(maxY, w.y + w.h);
  }
  const width = Math.max(maxX - minX, viewWidth);
  const height = Math.max(maxY - minY, viewHeight);
  return { x: (minX + maxX - width) / 2, y: (minY + maxY - height) / 2, width, height };
}
