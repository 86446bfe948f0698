import type Phaser from "phaser";

/** Text styles shared by the screen-space UI. */
export const UI_FONT = "system-ui, -apple-system, Segoe UI, sans-serif";
export const MONO_FONT = "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";

export function uiText(size: number, color = "#e8ecf4"): Phaser.Types.GameObjects.Text.TextStyle {
  return { fontFamily: UI_FONT, fontSize: `${size}px`, color, stroke: "#000000", strokeThickness: 3 };
}

/** 0xRRGGBB -> "#rrggbb". */
export function cssColor(color: number): string {
  return `#${(color & 0xffffff).toString(16).padStart(6, "0")}`;
}

/** Depth of screen-space UI: above the world. */
export const UI_DEPTH = 100;
