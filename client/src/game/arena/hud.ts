import type Phaser from "phaser";
import { MAX_HEALTH } from "@arena/shared/games/arena";
import { centerAvoiding, objectBox, type HudLayout } from "../common/hud-layout.js";
import { UI_DEPTH, uiText } from "../common/ui-style.js";
import type { ScreenRect } from "../common/virtual-stick.js";

const BAR_MAX_WIDTH_PX = 180;
const BAR_HEIGHT_PX = 14;
const TOAST_MS = 3000;

/** What the HUD shows about the local player. */
export interface HudValues {
  health: number;
  kills: number;
  deaths: number;
  pingMs: number;
}

/**
 * Screen-space HUD: health bar, kills/deaths and ping (top left; two lines on a phone), a centred
 * banner ("Killed by …", "Disconnected") and short-lived notices for server errors (bottom).
 */
export class Hud {
  private readonly bar: Phaser.GameObjects.Graphics;
  private readonly stats: Phaser.GameObjects.Text;
  private readonly banner: Phaser.GameObjects.Text;
  private readonly toast: Phaser.GameObjects.Text;
  private toastUntilMs = 0;
  private drawnHealth = -1;
  private barX = 14;
  private barWidthPx = BAR_MAX_WIDTH_PX;
  private compact = false;
  private bannerY = 0;

  constructor(private readonly scene: Phaser.Scene) {
    this.bar = scene.add.graphics().setScrollFactor(0).setDepth(UI_DEPTH);
    this.stats = scene.add.text(16, 38, "", uiText(15)).setScrollFactor(0).setDepth(UI_DEPTH);
    this.banner = scene.add.text(0, 0, "", uiText(28)).setOrigin(0.5).setAlign("center").setScrollFactor(0).setDepth(UI_DEPTH + 1);
    this.toast = scene.add.text(0, 0, "", uiText(14, "#ffb4a8")).setOrigin(0.5, 1).setScrollFactor(0).setDepth(UI_DEPTH + 1).setVisible(false);
  }

  /** Place everything for the current screen size (call on resize). */
  layout(layout: HudLayout): void {
    const { width, height } = this.scene.scale;
    this.compact = layout.compact;
    this.barX = layout.left.x;
    this.barWidthPx = Math.min(BAR_MAX_WIDTH_PX, layout.left.width - 4);
    this.stats.setFontSize(layout.compact ? 13 : 15).setPosition(layout.left.x + 2, layout.margin + BAR_HEIGHT_PX + 10);
    this.banner.setFontSize(layout.compact ? 22 : 28).setWordWrapWidth(width - 2 * layout.margin);
    this.bannerY = layout.bannerY;
    this.banner.setPosition(width / 2, this.bannerY);
    this.toast.setWordWrapWidth(width - 2 * layout.margin).setPosition(width / 2, Math.min(height - 16, layout.bottom));
    this.drawnHealth = -1;
  }

  update(values: HudValues, nowMs: number): void {
    if (values.health !== this.drawnHealth) {
      this.drawnHealth = values.health;
      this.drawBar(values.health);
    }
    const ping = `ping ${Math.round(values.pingMs)} ms`;
    const text = this.compact
      ? `HP ${values.health}  K ${values.kills} / D ${values.deaths}\n${ping}`
      : `HP ${values.health}   K ${values.kills} / D ${values.deaths}   ${ping}`;
    if (this.stats.text !== text) this.stats.setText(text);
    if (this.toast.visible && nowMs > this.toastUntilMs) this.toast.setVisible(false);
  }

  /** Show a centred message until cleared with an empty string; kept clear of `avoid` (the open overlay). */
  setBanner(text: string, avoid: ScreenRect | null = null): void {
    if (this.banner.text !== text) this.banner.setText(text);
    this.banner.setVisible(text !== "");
    if (text) this.banner.setX(centerAvoiding(this.scene.scale.width, this.banner.width, this.bannerY, this.banner.height / 2, avoid));
  }

  /** The banner's text while shown, "" otherwise. */
  get bannerText(): string {
    return this.banner.visible ? this.banner.text : "";
  }

  /** Show a notice for a few seconds. */
  notify(text: string, nowMs: number): void {
    this.toast.setText(text).setVisible(true);
    this.toastUntilMs = nowMs + TOAST_MS;
  }

  /** Screen boxes of the pieces shown now (health bar and stats as one). */
  boxes(): Record<string, ScreenRect> {
    const stats = objectBox(this.stats);
    const top = Math.min(stats.y, this.barTop());
    const right = Math.max(stats.x + stats.width, this.barX + this.barWidthPx + 4);
    const out: Record<string, ScreenRect> = { stats: { x: this.barX, y: top, width: right - this.barX, height: stats.y + stats.height - top } };
    if (this.banner.visible) out.banner = objectBox(this.banner);
    if (this.toast.visible) out.toast = objectBox(this.toast);
    return out;
  }

  private barTop(): number {
    return this.stats.y - BAR_HEIGHT_PX - 10;
  }

  private drawBar(health: number): void {
    const fraction = Math.max(0, Math.min(1, health / MAX_HEALTH));
    const x = this.barX;
    const y = this.barTop();
    const g = this.bar.clear();
    g.fillStyle(0x000000, 0.6);
    g.fillRect(x, y, this.barWidthPx + 4, BAR_HEIGHT_PX + 4);
    g.fillStyle(fraction > 0.5 ? 0x4cd964 : fraction > 0.25 ? 0xffcc00 : 0xff3b30, 1);
    g.fillRect(x + 2, y + 2, this.barWidthPx * fraction, BAR_HEIGHT_PX);
  }
}
