import Phaser from "phaser";
import { UI_DEPTH, uiText } from "./ui-style.js";
import type { ScreenRect } from "./virtual-stick.js";

export interface TouchButtonOptions {
  label: string;
  /** Centre of the button for the current screen size. */
  position(width: number, height: number): { x: number; y: number };
  /** Radius in px; at least 40 so a thumb finds it (default 44). */
  radiusPx?: number;
  color?: number;
}

/**
 * A round on-screen button for touch screens, held down while a touch that started on it stays
 * down (it may slide off). Only touch pointers press it. Screen-space, above the game.
 */
export class TouchButton {
  private readonly graphics: Phaser.GameObjects.Graphics;
  private readonly text: Phaser.GameObjects.Text;
  private readonly radiusPx: number;
  private readonly color: number;
  private pointerId: number | null = null;

  constructor(private readonly scene: Phaser.Scene, private readonly options: TouchButtonOptions) {
    this.radiusPx = Math.max(40, options.radiusPx ?? 44);
    this.color = options.color ?? 0xffffff;
    this.graphics = scene.add.graphics().setScrollFactor(0).setDepth(UI_DEPTH + 3);
    this.text = scene.add.text(0, 0, options.label, uiText(16)).setOrigin(0.5).setScrollFactor(0).setDepth(UI_DEPTH + 4);
    scene.input.on(Phaser.Input.Events.POINTER_DOWN, this.onDown, this);
    scene.input.on(Phaser.Input.Events.POINTER_UP, this.onUp, this);
    scene.input.on(Phaser.Input.Events.POINTER_UP_OUTSIDE, this.onUp, this);
    scene.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.destroy());
    this.layout();
  }

  get isDown(): boolean {
    return this.pointerId !== null;
  }

  /** Whether screen point (x, y) is on the button (other controls leave such touches to it). */
  contains(x: number, y: number): boolean {
    const c = this.options.position(this.scene.scale.width, this.scene.scale.height);
    return Math.hypot(x - c.x, y - c.y) <= this.radiusPx;
  }

  bounds(): ScreenRect {
    const c = this.options.position(this.scene.scale.width, this.scene.scale.height);
    const r = this.radiusPx;
    return { x: c.x - r, y: c.y - r, width: 2 * r, height: 2 * r };
  }

  layout(): void {
    const c = this.options.position(this.scene.scale.width, this.scene.scale.height);
    this.text.setPosition(c.x, c.y);
    const g = this.graphics.clear();
    g.fillStyle(this.color, this.isDown ? 0.4 : 0.15);
    g.fillCircle(c.x, c.y, this.radiusPx);
    g.lineStyle(2, this.color, 0.5);
    g.strokeCircle(c.x, c.y, this.radiusPx);
  }

  destroy(): void {
    this.scene.input.off(Phaser.Input.Events.POINTER_DOWN, this.onDown, this);
    this.scene.input.off(Phaser.Input.Events.POINTER_UP, this.onUp, this);
    this.scene.input.off(Phaser.Input.Events.POINTER_UP_OUTSIDE, this.onUp, this);
    this.graphics.destroy();
    this.text.destroy();
  }

  private onDown(pointer: Phaser.Input.Pointer): void {
    if (!pointer.wasTouch || this.pointerId !== null || !this.contains(pointer.x, pointer.y)) return;
    this.pointerId = pointer.id;
    this.layout();
  }

  private onUp(pointer: Phaser.Input.Pointer): void {
    if (pointer.id !== this.pointerId) return;
    this.pointerId = null;
    this.layout();
  }
}
