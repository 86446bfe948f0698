import Phaser from "phaser";
import type { TagInput } from "@arena/shared";

type Keys = Record<"w" | "a" | "s" | "d" | "up" | "down" | "left" | "right" | "space" | "shift", Phaser.Input.Keyboard.Key>;

/** Reads the tag controls once per input tick: WASD/arrows as axes, Space or Shift to dash. */
export class TagInputSampler {
  private readonly keys: Keys | null;

  constructor(scene: Phaser.Scene) {
    const K = Phaser.Input.Keyboard.KeyCodes;
    this.keys = (scene.input.keyboard?.addKeys({
      w: K.W, a: K.A, s: K.S, d: K.D, up: K.UP, down: K.DOWN, left: K.LEFT, right: K.RIGHT, space: K.SPACE, shift: K.SHIFT,
    }) as Keys | undefined) ?? null;
  }

  sample(): Omit<TagInput, "seq" | "viewTick"> {
    const k = this.keys;
    if (!k) return { moveX: 0, moveY: 0, dash: false };
    return {
      moveX: Number(k.d.isDown || k.right.isDown) - Number(k.a.isDown || k.left.isDown),
      moveY: Number(k.s.isDown || k.down.isDown) - Number(k.w.isDown || k.up.isDown),
      dash: k.space.isDown || k.shift.isDown,
    };
  }
}
