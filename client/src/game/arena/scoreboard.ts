import type Phaser from "phaser";
import type { ArenaState } from "@arena/shared/games/arena";
import { fitText, type HudLayout } from "../common/hud-layout.js";
import { playerLabel } from "../common/player-label.js";
import { UI_DEPTH, cssColor, uiText } from "../common/ui-style.js";
import type { ScoreboardRow } from "../common/scoreboard-rows.js";
import { HeldOrder, boardHeld, rowsShown } from "../common/held-order.js";
import type { ScreenRect } from "../common/virtual-stick.js";

const ROW_HEIGHT_PX = 18;
const HEADER_PX = 22;

interface Row {
  /** The player shown in this row ("" while hidden). */
  id: string;
  name: Phaser.GameObjects.Text;
  score: Phaser.GameObjects.Text;
  color: string;
  label: string;
}

/**
 * Small always-visible scoreboard (top right): players by kills, name in their colour (bots
 * marked), K/D. As many rows as the layout allows; your own row (a watcher's: the followed
 * player's) is always among them. The order holds while the board is pointed at (HeldOrder), so
 * a watcher's click lands on the name aimed at.
 */
export class Scoreboard {
  private readonly panel: Phaser.GameObjects.Graphics;
  private readonly title: Phaser.GameObjects.Text;
  private readonly titleScore: Phaser.GameObjects.Text;
  private readonly rows: Row[] = [];
  private left = 0;
  private top = 12;
  private width = 190;
  private maxRows = 16;
  private shownRows = 0;
  private readonly order = new HeldOrder();

  constructor(private readonly scene: Phaser.Scene, private readonly localId: string) {
    this.panel = scene.add.graphics().setScrollFactor(0).setDepth(UI_DEPTH);
    this.title = scene.add.text(0, 0, "Players", uiText(12, "#9aa4b8")).setScrollFactor(0).setDepth(UI_DEPTH);
    this.titleScore = scene.add.text(0, 0, "K / D", uiText(12, "#9aa4b8")).setOrigin(1, 0).setScrollFactor(0).setDepth(UI_DEPTH);
  }

  layout(layout: HudLayout): void {
    this.left = layout.right.x;
    this.top = layout.margin;
    this.width = layout.right.width;
    this.maxRows = layout.right.maxRows;
    for (const row of this.rows) row.label = "";
  }

  /** Draw the board from `state`; `pinnedId`'s row is shown even below the rows that fit (default: your own). */
  update(state: ArenaState, pinnedId = this.localId): void {
    const players: { id: string; name: string; color: number; kills: number; deaths: number }[] = [];
    state.players.forEach((p, id) => players.push({ id, name: p.name, color: p.color, kills: p.kills, deaths: p.deaths }));
    players.sort((a, b) => b.kills - a.kills || a.deaths - b.deaths || a.name.localeCompare(b.name));
    const byId = new Map(players.map((p) => [p.id, p]));
    const order = this.order.arrange(players.map((p) => p.id), boardHeld(this.scene, this.bounds()));
    const shown = rowsShown(order, this.maxRows, pinnedId).map((id) => byId.get(id)!);
    while (this.rows.length < shown.length) this.rows.push(this.makeRow());
    const { left, top, width } = this;
    this.title.setPosition(left + 8, top + 4);
    this.titleScore.setPosition(left + width - 8, top + 4);
    this.rows.forEach((row, i) => {
      const p = shown[i];
      row.name.setVisible(!!p);
      row.score.setVisible(!!p);
      row.id = p?.id ?? "";
      if (!p) return;
      const y = top + HEADER_PX + i * ROW_HEIGHT_PX;
      const score = `${p.kills} / ${p.deaths}`;
      if (row.score.text !== score) row.score.setText(score);
      row.score.setPosition(left + width - 8, y);
      const label = `${p.id === this.localId ? "▸ " : ""}${playerLabel(p.id, p.name)}`;
      if (row.label !== label) {
        row.label = label;
        fitText(row.name, label, width - 24 - row.score.width);
      }
      const color = cssColor(p.color);
      if (row.color !== color) row.name.setColor((row.color = color));
      row.name.setPosition(left + 8, y);
    });
    this.shownRows = shown.length;
    this.panel.clear().fillStyle(0x000000, 0.45).fillRect(left, top, width, this.height());
  }

  /** The panel's screen box. */
  bounds(): ScreenRect {
    return { x: this.left, y: this.top, width: this.width, height: this.height() };
  }

  /** The rows shown, top to bottom, by player (a spectator clicks one to follow that player). */
  playerRows(): ScoreboardRow[] {
    return this.rows.slice(0, this.shownRows).map((row, i) => ({
      id: row.id,
      box: { x: this.left, y: this.top + HEADER_PX + i * ROW_HEIGHT_PX, width: this.width, height: ROW_HEIGHT_PX },
    }));
  }

  /** The name texts shown, top to bottom (for tests). */
  names(): string[] {
    return this.rows.slice(0, this.shownRows).map((r) => r.name.text);
  }

  private height(): number {
    return HEADER_PX + 6 + this.shownRows * ROW_HEIGHT_PX;
  }

  private makeRow(): Row {
    return {
      id: "",
      name: this.scene.add.text(0, 0, "", uiText(13)).setScrollFactor(0).setDepth(UI_DEPTH),
      score: this.scene.add.text(0, 0, "", uiText(13)).setOrigin(1, 0).setScrollFactor(0).setDepth(UI_DEPTH),
      color: "",
      label: "",
    };
  }
}
