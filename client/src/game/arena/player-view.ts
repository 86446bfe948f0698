import type Phaser from "phaser";
import { MAX_HEALTH, PLAYER_RADIUS_PX } from "@arena/shared/games/arena";

const BARREL_LENGTH_PX = PLAYER_RADIUS_PX + 12;
const BAR_WIDTH_PX = 36;
const BAR_HEIGHT_PX = 5;
const DEAD_ALPHA = 0.18;
const HIT_FLASH_MS = 120;
/** Spawn protection blinks between these alphas, a cycle every BLINK_MS. */
const SHIELD_ALPHA_MIN = 0.25;
const SHIELD_ALPHA_MAX = 0.75;
const BLINK_MS = 300;

/** What a player looks like this frame. */
export interface PlayerPose {
  x: number;
  y: number;
  aimRad: number;
  health: number;
  /** Spawn protection on: drawn blinking and see-through. */
  shielded: boolean;
}

/**
 * One player on screen: a circle in its colour, a barrel along its aim, its name above and a
 * health bar below. Dead players are drawn faded, without barrel or bar; spawn-protected ones
 * blink see-through. Redraws only what changed.
 */
export class PlayerView {
  readonly container: Phaser.GameObjects.Container;
  private readonly body: Phaser.GameObjects.Graphics;
  private readonly barrel: Phaser.GameObjects.Graphics;
  private readonly bar: Phaser.GameObjects.Graphics;
  private readonly label: Phaser.GameObjects.Text;
  private color = -1;
  private drawnHealth = -1;
  private flashUntilMs = 0;
  private flashing = false;
  private shielded = false;

  constructor(scene: Phaser.Scene, readonly isLocal: boolean) {
    this.body = scene.add.graphics();
    this.barrel = scene.add.graphics();
    this.bar = scene.add.graphics();
    this.label = scene.add.text(0, -PLAYER_RADIUS_PX - 10, "", {
      fontFamily: "system-ui, sans-serif", fontSize: "12px", color: "#e8ecf4", stroke: "#000000", strokeThickness: 3,
    }).setOrigin(0.5, 1);
    this.container = scene.add.container(0, 0, [this.body, this.barrel, this.bar, this.label]);
    this.container.setDepth(isLocal ? 11 : 10);
  }

  /** The name tag's text. */
  get nameTag(): string {
    return this.label.text;
  }

  setIdentity(name: string, color: number): void {
    if (this.label.text !== name) this.label.setText(name);
    if (color !== this.color) {
      this.color = color;
      this.drawBody();
      this.drawBarrel();
    }
  }

  /** Briefly flash white (a hit). */
  flash(nowMs: number): void {
    this.flashUntilMs = nowMs + HIT_FLASH_MS;
  }

  update(pose: PlayerPose, nowMs: number): void {
    this.container.setPosition(pose.x, pose.y);
    this.container.setVisible(true);
    this.barrel.setRotation(pose.aimRad);
    const flashing = nowMs < this.flashUntilMs;
    if (flashing !== this.flashing) {
      this.flashing = flashing;
      this.drawBody();
    }
    const shielded = pose.shielded && pose.health > 0;
    if (pose.health !== this.drawnHealth || shielded !== this.shielded) {
      this.drawnHealth = pose.health;
      this.shielded = shielded;
      this.drawBar();
      const dead = pose.health <= 0;
      this.container.setAlpha(dead ? DEAD_ALPHA : 1);
      this.barrel.setVisible(!dead);
      this.bar.setVisible(!dead);
    }
    if (shielded) {
      const phase = (Math.sin((nowMs / BLINK_MS) * 2 * Math.PI) + 1) / 2;
      this.container.setAlpha(SHIELD_ALPHA_MIN + (SHIELD_ALPHA_MAX - SHIELD_ALPHA_MIN) * phase);
    }
  }

  hide(): void {
    this.container.setVisible(false);
  }

  destroy(): void {
    this.container.destroy();
  }

  private drawBody(): void {
    const g = this.body.clear();
    g.fillStyle(this.flashing ? 0xffffff : this.color, 1);
    g.fillCircle(0, 0, PLAYER_RADIUS_PX);
    g.lineStyle(this.isLocal ? 3 : 2, this.isLocal ? 0xffffff : 0x0b0d12, this.isLocal ? 0.9 : 0.8);
    g.strokeCircle(0, 0, PLAYER_RADIUS_PX);
  }

  private drawBarrel(): void {
    const g = this.barrel.clear();
    g.lineStyle(6, 0x0b0d12, 1);
    g.lineBetween(PLAYER_RADIUS_PX * 0.3, 0, BARREL_LENGTH_PX, 0);
    g.lineStyle(3, 0xe8ecf4, 1);
    g.lineBetween(PLAYER_RADIUS_PX * 0.3, 0, BARREL_LENGTH_PX, 0);
  }

  private drawBar(): void {
    const g = this.bar.clear();
    const y = PLAYER_RADIUS_PX + 6;
    const fraction = Math.max(0, Math.min(1, this.drawnHealth / MAX_HEALTH));
    g.fillStyle(0x000000, 0.7);
    g.fillRect(-BAR_WIDTH_PX / 2 - 1, y - 1, BAR_WIDTH_PX + 2, BAR_HEIGHT_PX + 2);
    g.fillStyle(fraction > 0.5 ? 0x4cd964 : fraction > 0.25 ? 0xffcc00 : 0xff3b30, 1);
    g.fillRect(-BAR_WIDTH_PX / 2, y, BAR_WIDTH_PX * fraction, BAR_HEIGHT_PX);
  }
}
