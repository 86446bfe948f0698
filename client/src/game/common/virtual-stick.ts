import Phaser from "phaser";
import { stickVector, type StickReading } from "./stick-vector.js";
import { THUMB_RADIUS_PX } from "./hud-layout.js";
import { UI_DEPTH } from "./ui-style.js";

/** A rectangle in screen (CSS) px. */
export interface ScreenRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface VirtualStickOptions {
  /** Where a thumb going down starts this stick (e.g. the left half of the screen), for the current screen size. */
  region(width: number, height: number): ScreenRect;
  /** Where the stick is drawn while no thumb holds it, for the current screen size. */
  home(width: number, height: number): { x: number; y: number };
  /** Drag in px for a full deflection: about a thumb's reach (default THUMB_RADIUS_PX). */
  radiusPx?: number;
  /** Fraction of the radius that reads as 0 (default 0.15). */
  deadZone?: number;
  /** Colour of the base and knob. */
  color?: number;
}

const NO_READING: StickReading = { x: 0, y: 0, magnitude: 0, angleRad: null };

/**
 * A floating on-screen stick for touch screens: a thumb that goes down inside `region` becomes its
 * centre, dragging away from it deflects the stick (see stickVector), lifting releases it. Only
 * touch pointers drive it (the mouse keeps its own controls), one touch at a time; other touches
 * are left to other controls. Drawn at its home spot while idle, so players see where it is.
 */
export class VirtualStick {
  private readonly graphics: Phaser.GameObjects.Graphics;
  private readonly radiusPx: number;
  private readonly deadZone: number;
  private readonly color: number;
  private pointerId: number | null = null;
  private originX = 0;
  private originY = 0;
  private reading: StickReading = NO_READING;
  /** Direction of the last deflection outside the dead zone (kept after release). */
  private lastAngleRad: number | null = null;

  constructor(private readonly scene: Phaser.Scene, private readonly options: VirtualStickOptions) {
    this.radiusPx = options.radiusPx ?? THUMB_RADIUS_PX;
    this.deadZone = options.deadZone ?? 0.15;
    this.color = options.color ?? 0xffffff;
    this.graphics = scene.add.graphics().setScrollFactor(0).setDepth(UI_DEPTH + 3);
    scene.input.on(Phaser.Input.Events.POINTER_DOWN, this.onDown, this);
    scene.input.on(Phaser.Input.Events.POINTER_MOVE, this.onMove, this);
    scene.input.on(Phaser.Input.Events.POINTER_UP, this.onUp, this);
    scene.input.on(Phaser.Input.Events.POINTER_UP_OUTSIDE, this.onUp, this);
    scene.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.destroy());
    this.draw();
  }

  /** True while a thumb holds the stick. */
  get active(): boolean {
    return this.pointerId !== null;
  }

  /** The current deflection (zero while released). */
  get value(): StickReading {
    return this.reading;
  }

  /** Direction of the last deflection outside the dead zone, or null if there was none yet. */
  get lastAngle(): number | null {
    return this.lastAngleRad;
  }

  /** Where the stick's base is drawn now, in screen px (for layout checks). */
  bounds(): ScreenRect {
    const { x, y } = this.center();
    const r = this.radiusPx;
    return { x: x - r, y: y - r, width: 2 * r, height: 2 * r };
  }

  /** Redraw for a new screen size. */
  layout(): void {
    this.draw();
  }

  destroy(): void {
    this.scene.input.off(Phaser.Input.Events.POINTER_DOWN, this.onDown, this);
    this.scene.input.off(Phaser.Input.Events.POINTER_MOVE, this.onMove, this);
    this.scene.input.off(Phaser.Input.Events.POINTER_UP, this.onUp, this);
    this.scene.input.off(Phaser.Input.Events.POINTER_UP_OUTSIDE, this.onUp, this);
    this.graphics.destroy();
  }

  private onDown(pointer: Phaser.Input.Pointer): void {
    if (!pointer.wasTouch || this.pointerId !== null) return;
    const r = this.options.region(this.scene.scale.width, this.scene.scale.height);
    if (pointer.x < r.x || pointer.x >= r.x + r.width || pointer.y < r.y || pointer.y >= r.y + r.height) return;
    this.pointerId = pointer.id;
    this.originX = pointer.x;
    this.originY = pointer.y;
    this.reading = NO_READING;
    this.draw();
  }

  private onMove(pointer: Phaser.Input.Pointer): void {
    if (pointer.id !== this.pointerId) return;
    this.reading = stickVector(pointer.x - this.originX, pointer.y - this.originY, this.radiusPx, this.deadZone);
    if (this.reading.angleRad !== null) this.lastAngleRad = this.reading.angleRad;
    this.draw();
  }

  private onUp(pointer: Phaser.Input.Pointer): void {
    if (pointer.id !== this.pointerId) return;
    this.pointerId = null;
    this.reading = NO_READING;
    this.draw();
  }

  private center(): { x: number; y: number } {
    return this.pointerId !== null
      ? { x: this.originX, y: this.originY }
      : this.options.home(this.scene.scale.width, this.scene.scale.height);
  }

  private draw(): void {
    const { x, y } = this.center();
    const r = this.radiusPx;
    const held = this.pointerId !== null;
    const g = this.graphics.clear();
    g.fillStyle(this.color, held ? 0.16 : 0.08);
    g.fillCircle(x, y, r);
    g.lineStyle(2, this.color, held ? 0.5 : 0.25);
    g.strokeCircle(x, y, r);
    g.fillStyle(this.color, held ? 0.55 : 0.3);
    g.fillCircle(x + this.reading.x * r, y + this.reading.y * r, r * 0.45);
  }
}
