import type Phaser from "phaser";
import type { ArenaState } from "@arena/shared";
import { UI_DEPTH, cssColor, uiText } from "../common/ui-style.js";

const ROW_HEIGHT_PX = 18;
const WIDTH_PX = 190;
const MARGIN_PX = 12;

interface Row {
  name: Phaser.GameObjects.Text;
  score: Phaser.GameObjects.Text;
  color: string;
}

/** Small always-visible scoreboard (top right): players by kills, name in their colour, K/D. */
export class Scoreboard {
  private readonly panel: Phaser.GameObjects.Graphics;
  private readonly title: Phaser.GameObjects.Text;
  private readonly titleScore: Phaser.GameObjects.Text;
  private readonly rows: Row[] = [];

  constructor(private readonly scene: Phaser.Scene, private readonly localId: string) {
    this.panel = scene.add.graphics().setScrollFactor(0).setDepth(UI_DEPTH);
    this.title = scene.add.text(0, 0, "Players", uiText(12, "#9aa4b8")).setScrollFactor(0).setDepth(UI_DEPTH);
    this.titleScore = scene.add.text(0, 0, "K / D", uiText(12, "#9aa4b8")).setOrigin(1, 0).setScrollFactor(0).setDepth(UI_DEPTH);
  }

  update(state: ArenaState): void {
    const players: { id: string; name: string; color: number; kills: number; deaths: number }[] = [];
    state.players.forEach((p, id) => players.push({ id, name: p.name, color: p.color, kills: p.kills, deaths: p.deaths }));
    players.sort((a, b) => b.kills - a.kills || a.deaths - b.deaths || a.name.localeCompare(b.name));
    while (this.rows.length < players.length) this.rows.push(this.makeRow());
    const left = this.scene.scale.width - WIDTH_PX - MARGIN_PX;
    const top = MARGIN_PX;
    this.title.setPosition(left + 8, top + 4);
    this.titleScore.setPosition(left + WIDTH_PX - 8, top + 4);
    this.rows.forEach((row, i) => {
      const p = players[i];
      row.name.setVisible(!!p);
      row.score.setVisible(!!p);
      if (!p) return;
      const y = top + 22 + i * ROW_HEIGHT_PX;
      const label = p.id === this.localId ? `${p.name} (you)` : p.name;
      if (row.name.text !== label) row.name.setText(label);
      const color = cssColor(p.color);
      if (row.color !== color) row.name.setColor((row.color = color));
      row.name.setPosition(left + 8, y);
      const score = `${p.kills} / ${p.deaths}`;
      if (row.score.text !== score) row.score.setText(score);
      row.score.setPosition(left + WIDTH_PX - 8, y);
    });
    this.panel.clear().fillStyle(0x000000, 0.45).fillRect(left, top, WIDTH_PX, 28 + players.length * ROW_HEIGHT_PX);
  }

  private makeRow(): Row {
    return {
      name: this.scene.add.text(0, 0, "", uiText(13)).setScrollFactor(0).setDepth(UI_DEPTH),
      score: this.scene.add.text(0, 0, "", uiText(13)).setOrigin(1, 0).setScrollFactor(0).setDepth(UI_DEPTH),
      color: "",
    };
  }
}
