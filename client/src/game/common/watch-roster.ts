import type Phaser from "phaser";
import { fitText, type HudLayout } from "./hud-layout.js";
import { playerLabel } from "./player-label.js";
import type { ScoreboardRow } from "./scoreboard-rows.js";
import { UI_DEPTH, uiText } from "./ui-style.js";
import type { ScreenRect } from "./virtual-stick.js";

const ROW_HEIGHT_PX = 20;
const HEADER_PX = 22;

/**
 * The players' names for a spectator, top right, in a game whose scene draws no scoreboard of its
 * own (soccer): something to click or tap to follow a player. Ids in the order Tab cycles them, as
 * many rows as the layout allows. Created by WatchCamera only; a player never sees it.
 */
export class WatchRoster {
  private readonly panel: Phaser.GameObjects.Graphics;
  private readonly title: Phaser.GameObjects.Text;
  private readonly texts: Phaser.GameObjects.Text[] = [];
  private readonly shown: ScoreboardRow[] = [];
  private left = 0;
  private top = 12;
  private width = 190;
  private maxRows = 16;

  constructor(private readonly scene: Phaser.Scene) {
    this.panel = scene.add.graphics().setScrollFactor(0).setDepth(UI_DEPTH);
    this.title = scene.add.text(0, 0, "Players", uiText(12, "#9aa4b8")).setScrollFactor(0).setDepth(UI_DEPTH);
  }

  layout(layout: HudLayout): void {
    this.left = layout.right.x;
    this.top = layout.margin;
    this.width = layout.right.width;
    this.maxRows = layout.right.maxRows;
    for (const text of this.texts) text.setData("label", "");
  }

  /** Redraw with these players (`ids` in display order). */
  update(ids: readonly string[], nameOf: (id: string) => string): void {
    const shown = ids.slice(0, this.maxRows);
    while (this.texts.length < shown.length) this.texts.push(this.scene.add.text(0, 0, "", uiText(14)).setScrollFactor(0).setDepth(UI_DEPTH));
    this.shown.length = 0;
    this.title.setPosition(this.left + 8, this.top + 4);
    this.texts.forEach((text, i) => {
      const id = shown[i];
      text.setVisible(id !== undefined);
      if (id === undefined) return;
      const y = this.top + HEADER_PX + i * ROW_HEIGHT_PX;
      const label = playerLabel(id, nameOf(id));
      if (text.getData("label") !== label) {
        text.setData("label", label);
        fitText(text, label, this.width - 16);
      }
      text.setPosition(this.left + 8, y + 1);
      this.shown.push({ id, box: { x: this.left, y, width: this.width, height: ROW_HEIGHT_PX } });
    });
    const box = this.bounds();
    this.panel.clear().fillStyle(0x000000, 0.45).fillRect(box.x, box.y, box.width, box.height);
  }

  /** The panel's screen box. */
  bounds(): ScreenRect {
    return { x: this.left, y: this.top, width: this.width, height: HEADER_PX + 4 + this.shown.length * ROW_HEIGHT_PX };
  }

  rows(): readonly ScoreboardRow[] {
    return this.shown;
  }
}
