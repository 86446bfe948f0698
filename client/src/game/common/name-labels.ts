import type Phaser from "phaser";
import { uiText } from "./ui-style.js";

/** Name tags over players (world space), one per player id, created on first use. */
export class NameLabels {
  private readonly labels = new Map<string, Phaser.GameObjects.Text>();

  constructor(private readonly scene: Phaser.Scene, private readonly fontPx = 12) {}

  /** Show `text` centred above (x, y): the label's bottom edge is at y. */
  show(id: string, text: string, x: number, y: number): void {
    let label = this.labels.get(id);
    if (!label) this.labels.set(id, (label = this.scene.add.text(0, 0, "", uiText(this.fontPx)).setOrigin(0.5, 1).setAlign("center")));
    label.setText(text).setPosition(x, y);
  }

  /** The last line of player `id`'s label (its name, under an emote or the like), or null without one. */
  nameOf(id: string): string | null {
    const text = this.labels.get(id)?.text;
    return text === undefined ? null : text.split("\n").at(-1)!;
  }

  /** Destroy the labels of ids `keep` says no to (players who left). */
  prune(keep: (id: string) => boolean): void {
    for (const [id, label] of this.labels) {
      if (keep(id)) continue;
      label.destroy();
      this.labels.delete(id);
    }
  }
}
