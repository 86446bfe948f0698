import Phaser from "phaser";
import type { ArenaInput } from "@arena/shared";

/** An arena input without the fields the session adds (seq, viewTick). */
export type SampledInput = Omit<ArenaInput, "seq" | "viewTick">;

type Keys = Record<"w" | "a" | "s" | "d" | "up" | "down" | "left" | "right", Phaser.Input.Keyboard.Key>;

/**
 * Reads the controls once per input tick: WASD/arrows as axes in {-1, 0, 1}, aim as the angle
 * from where the local player is drawn to the mouse in world space, fire while the left button is down.
 */
export class InputSampler {
  private readonly keys: Keys | null;
  private aimRad = 0;

  constructor(private readonly scene: Phaser.Scene) {
    const K = Phaser.Input.Keyboard.KeyCodes;
    this.keys = (scene.input.keyboard?.addKeys({
      w: K.W, a: K.A, s: K.S, d: K.D, up: K.UP, down: K.DOWN, left: K.LEFT, right: K.RIGHT,
    }) as Keys | undefined) ?? null;
    scene.input.mouse?.disableContextMenu();
  }

  /** Sample the controls; `from` is the local player's drawn position (null: keep the last aim). */
  sample(from: { x: number; y: number } | null): SampledInput {
    const k = this.keys;
    const moveX = k ? Number(k.d.isDown || k.right.isDown) - Number(k.a.isDown || k.left.isDown) : 0;
    const moveY = k ? Number(k.s.isDown || k.down.isDown) - Number(k.w.isDown || k.up.isDown) : 0;
    const pointer = this.scene.input.activePointer;
    if (from) {
      // Recompute from screen coordinates: pointer.worldX goes stale while the camera scrolls.
      const world = this.scene.cameras.main.getWorldPoint(pointer.x, pointer.y);
      const dx = world.x - from.x;
      const dy = world.y - from.y;
      if (dx !== 0 || dy !== 0) this.aimRad = Math.atan2(dy, dx);
    }
    return { moveX, moveY, aim: this.aimRad, fire: pointer.leftButtonDown() };
  }
}
