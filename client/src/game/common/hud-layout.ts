import type Phaser from "phaser";
import type { ScreenRect } from "./virtual-stick.js";

/**
 * Where the screen-space HUD goes for a screen size, so nothing overlaps on a desktop window or a
 * phone held either way (390x844 portrait, 844x390 landscape):
 *
 * - top left: health and stats, with the kill feed under them;
 * - top centre: a band kept free for the page's lobby link and sound button (DOM, see style.css);
 * - top right: the scoreboard, as many rows as fit above the middle of the screen;
 * - bottom left: the F3 network overlay (smaller type on a phone; with touch controls above the
 *   left thumb's spot, or beside it on a screen too short for that);
 * - middle: banner and controls hint (moved right of the overlay when it is open and in the way);
 * - bottom corners: touch controls, whose home spots stay below the middle.
 * Everything bottom-anchored stays above `bottomInsetPx` (a DOM bar over the game's bottom edge,
 * e.g. the replay controls: see page-insets.ts).
 * Pure: the tests and every game's scene call it on resize.
 */
export interface HudLayout {
  /** A phone-sized screen: compact text, two-line stats. */
  compact: boolean;
  margin: number;
  /** The left column (health, stats, kill feed): x and width. */
  left: { x: number; width: number };
  /** The top-centre band kept for the DOM lobby link and sound button. */
  centerBand: ScreenRect;
  /** The scoreboard column: its left edge, width and the most rows it may show. */
  right: { x: number; width: number; maxRows: number };
  /** Top of the kill feed, and the most lines it shows. */
  feedTop: number;
  feedLines: number;
  /** Debug overlay font size, px, and where its bottom-left corner goes. */
  overlayFontPx: number;
  overlayX: number;
  overlayBottom: number;
  /** Bottom of the controls hint (y): below the middle, above the thumbs' spots. Centre of the banner (y). */
  hintBottom: number;
  bannerY: number;
  /** Touch control home spots. */
  leftThumb: { x: number; y: number };
  rightThumb: { x: number; y: number };
  /** Where bottom-anchored text ends (y): above the bottom margin and any DOM bar there. */
  bottom: number;
}

/** Width of the top-centre band for the lobby link and sound button (style.css places them in it). */
export const CENTER_BAND_WIDTH_PX = 84;
export const CENTER_BAND_HEIGHT_PX = 62;
const SCOREBOARD_MAX_WIDTH_PX = 190;
/** A virtual stick's radius: about a thumb's reach. */
export const THUMB_RADIUS_PX = 56;
const ROW_HEIGHT_PX = 18;
const SCOREBOARD_HEADER_PX = 28;
/** The tallest controls hint: two lines and padding. */
const HINT_MAX_HEIGHT_PX = 56;

export function hudLayout(width: number, height: number, touch = false, bottomInsetPx = 0): HudLayout {
  const compact = width < 600 || height < 500;
  const margin = compact ? 8 : 12;
  // The HUD's own bottom edge: above a DOM bar there, if any; bottom-anchored text ends a margin above it.
  const floor = height - Math.max(0, bottomInsetPx);
  const bottom = floor - margin;
  const bandLeft = Math.round(width / 2 - CENTER_BAND_WIDTH_PX / 2);
  const bandRight = bandLeft + CENTER_BAND_WIDTH_PX;
  const leftWidth = Math.min(260, bandLeft - 2 * margin);
  const rightWidth = Math.min(SCOREBOARD_MAX_WIDTH_PX, width - bandRight - 2 * margin);
  const thumbInset = compact ? 84 : 100;
  const leftThumb = { x: thumbInset, y: floor - thumbInset + 10 };
  const hintBottom = Math.round(Math.min(height / 2 + 70, leftThumb.y - THUMB_RADIUS_PX - margin));
  // Rows that fit between the header and the hint's top (a hint is up to HINT_MAX_HEIGHT_PX tall).
  const maxRows = Math.max(3, Math.floor((hintBottom - HINT_MAX_HEIGHT_PX - margin - SCOREBOARD_HEADER_PX) / ROW_HEIGHT_PX));
  const short = height < 500;
  return {
    compact,
    margin,
    left: { x: margin, width: leftWidth },
    centerBand: { x: bandLeft, y: 0, width: CENTER_BAND_WIDTH_PX, height: CENTER_BAND_HEIGHT_PX },
    right: { x: width - margin - rightWidth, width: rightWidth, maxRows },
    feedTop: compact ? 76 : 64,
    feedLines: height < 500 ? 3 : 4,
    overlayFontPx: compact ? 10 : 12,
    overlayX: touch && short ? leftThumb.x + THUMB_RADIUS_PX + margin : margin,
    overlayBottom: touch && !short ? leftThumb.y - THUMB_RADIUS_PX - margin : bottom,
    hintBottom,
    bannerY: Math.round(height / 2 - 70),
    leftThumb,
    rightThumb: { x: width - thumbInset, y: floor - thumbInset + 10 },
    bottom,
  };
}

/**
 * Centre x for a centred text `textWidth` wide at `y` (±halfHeight) that must not cover `avoid`
 * (the open network overlay): the screen's middle, or the middle of the room right of it.
 */
export function centerAvoiding(width: number, textWidth: number, y: number, halfHeight: number, avoid: ScreenRect | null): number {
  const middle = width / 2;
  if (!avoid) return middle;
  const overlapsY = y + halfHeight > avoid.y && y - halfHeight < avoid.y + avoid.height;
  const overlapsX = middle - textWidth / 2 < avoid.x + avoid.width;
  if (!overlapsY || !overlapsX) return middle;
  const right = avoid.x + avoid.width;
  return Math.max(middle, right + (width - right) / 2);
}

/** A screen-space (scroll factor 0) game object's box in CSS px of the page, for the test hook. */
export function pageBox(scene: Phaser.Scene, box: ScreenRect): ScreenRect {
  const rect = scene.game.canvas.getBoundingClientRect();
  const sx = rect.width / scene.scale.width;
  const sy = rect.height / scene.scale.height;
  return { x: rect.left + box.x * sx, y: rect.top + box.y * sy, width: box.width * sx, height: box.height * sy };
}

/** The bounds of a screen-space text or other object with getBounds, as a ScreenRect. */
export function objectBox(object: { getBounds(): Phaser.Geom.Rectangle }): ScreenRect {
  const b = object.getBounds();
  return { x: b.x, y: b.y, width: b.width, height: b.height };
}

/** Shorten `text` with "…" until the Text object is at most `maxWidthPx` wide. */
export function fitText(object: Phaser.GameObjects.Text, text: string, maxWidthPx: number): void {
  object.setText(text);
  let chars = [...text];
  while (object.width > maxWidthPx && chars.length > 1) {
    chars = chars.slice(0, -1);
    object.setText(`${chars.join("").trimEnd()}…`);
  }
}
