import type Phaser from "phaser";
import { UI_DEPTH, uiText } from "./ui-style.js";

/** How long the controls are shown after joining, and how long they take to fade. */
export const HINT_SHOW_MS = 8000;
const HINT_FADE_MS = 1000;

/** A game's controls in words, for a keyboard and mouse and for a touch screen. */
export interface ControlsText {
  desktop: string;
  touch: string;
}

/**
 * The controls, shown in the middle of the screen for the first seconds of a game (then faded
 * out), in the variant for the device: keys and mouse, or the on-screen controls.
 */
export class ControlsHint {
  readonly text: Phaser.GameObjects.Text;
  private hideAtMs = -1;

  constructor(scene: Phaser.Scene, controls: ControlsText, touch: boolean, fontPx: number) {
    this.text = scene.add.text(0, 0, touch ? controls.touch : controls.desktop, {
      ...uiText(fontPx, "#ffe9a8"), align: "center", backgroundColor: "rgba(0,0,0,0.45)", padding: { x: 10, y: 6 },
    }).setOrigin(0.5, 1).setScrollFactor(0).setDepth(UI_DEPTH + 1);
  }

  /** The hint's text while shown, "" after. */
  get shown(): string {
    return this.text.visible ? this.text.text : "";
  }

  update(nowMs: number): void {
    if (!this.text.visible) return;
    if (this.hideAtMs < 0) this.hideAtMs = nowMs + HINT_SHOW_MS;
    const left = this.hideAtMs - nowMs;
    if (left <= 0) this.text.setVisible(false);
    else this.text.setAlpha(Math.min(1, left / HINT_FADE_MS));
  }

  /** Put the hint's bottom centre at (x, bottomY), wrapped at `wrapWidthPx`. */
  place(x: number, bottomY: number, wrapWidthPx: number): void {
    // Re-wrapping redraws the text's texture: only when the width changed (not every frame).
    if (this.text.style.wordWrapWidth !== wrapWidthPx) this.text.setWordWrapWidth(wrapWidthPx);
    if (this.text.x !== x || this.text.y !== bottomY) this.text.setPosition(x, bottomY);
  }
}
