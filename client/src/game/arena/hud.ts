import type Phaser from "phaser";
import { MAX_HEALTH } from "@arena/shared";
import { UI_DEPTH, uiText } from "../common/ui-style.js";

const BAR_WIDTH_PX = 180;
const TOAST_MS = 3000;

/** What the HUD shows about the local player. */
export interface HudValues {
  health: number;
  kills: number;
  deaths: number;
  pingMs: number;
}

/**
 * Screen-space HUD: health bar, kills/deaths and ping (top left), a centred banner
 * ("Respawning…", "Disconnected") and short-lived notices for server errors (bottom).
 */
export class Hud {
  private readonly bar: Phaser.GameObjects.Graphics;
  private readonly stats: Phaser.GameObjects.Text;
  private readonly banner: Phaser.GameObjects.Text;
  private readonly toast: Phaser.GameObjects.Text;
  private toastUntilMs = 0;
  private drawnHealth = -1;

  constructor(private readonly scene: Phaser.Scene) {
    this.bar = scene.add.graphics().setScrollFactor(0).setDepth(UI_DEPTH);
    this.stats = scene.add.text(16, 38, "", uiText(15)).setScrollFactor(0).setDepth(UI_DEPTH);
    this.banner = scene.add.text(0, 0, "", uiText(28)).setOrigin(0.5).setScrollFactor(0).setDepth(UI_DEPTH + 1);
    this.toast = scene.add.text(0, 0, "", uiText(14, "#ffb4a8")).setOrigin(0.5, 1).setScrollFactor(0).setDepth(UI_DEPTH + 1);
    this.layout();
  }

  /** Place the centred pieces for the current screen size (call on resize). */
  layout(): void {
    const { width, height } = this.scene.scale;
    this.banner.setPosition(width / 2, height / 2 - 60);
    this.toast.setPosition(width / 2, height - 16);
  }

  update(values: HudValues, nowMs: number): void {
    if (values.health !== this.drawnHealth) {
      this.drawnHealth = values.health;
      this.drawBar(values.health);
    }
    this.stats.setText(`HP ${values.health}   K ${values.kills} / D ${values.deaths}   ping ${Math.round(values.pingMs)} ms`);
    if (this.toast.visible && nowMs > this.toastUntilMs) this.toast.setVisible(false);
  }

  /** Show a centred message until cleared with an empty string. */
  setBanner(text: string): void {
    if (this.banner.text !== text) this.banner.setText(text);
    this.banner.setVisible(text !== "");
  }

  /** Show a notice for a few seconds. */
  notify(text: string, nowMs: number): void {
    this.toast.setText(text).setVisible(true);
    this.toastUntilMs = nowMs + TOAST_MS;
  }

  private drawBar(health: number): void {
    const fraction = Math.max(0, Math.min(1, health / MAX_HEALTH));
    const g = this.bar.clear();
    g.fillStyle(0x000000, 0.6);
    g.fillRect(14, 14, BAR_WIDTH_PX + 4, 18);
    g.fillStyle(fraction > 0.5 ? 0x4cd964 : fraction > 0.25 ? 0xffcc00 : 0xff3b30, 1);
    g.fillRect(16, 16, BAR_WIDTH_PX * fraction, 14);
  }
}
