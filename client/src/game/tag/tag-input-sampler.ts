import Phaser from "phaser";
import type { TagInput } from "@arena/shared/games/tag";
import { hudLayout } from "../common/hud-layout.js";
import { TouchButton } from "../common/touch-button.js";
import { VirtualStick } from "../common/virtual-stick.js";

type Keys = Record<"w" | "a" | "s" | "d" | "up" | "down" | "left" | "right" | "space" | "shift", Phaser.Input.Keyboard.Key>;

/** Tag's on-screen controls: a run stick (left half) and a dash button (bottom right). */
export interface TagTouchControls {
  move: VirtualStick;
  dash: TouchButton;
}

/**
 * Reads the tag controls once per input tick: WASD/arrows as axes (or, while no key is held, the
 * run stick's deflection), Space, Shift or the DASH button to dash.
 */
export class TagInputSampler {
  private readonly keys: Keys | null;
  readonly touch: TagTouchControls | null;

  constructor(scene: Phaser.Scene, touch: boolean) {
    const K = Phaser.Input.Keyboard.KeyCodes;
    this.keys = (scene.input.keyboard?.addKeys({
      w: K.W, a: K.A, s: K.S, d: K.D, up: K.UP, down: K.DOWN, left: K.LEFT, right: K.RIGHT, space: K.SPACE, shift: K.SHIFT,
    }) as Keys | undefined) ?? null;
    if (!touch) {
      this.touch = null;
      return;
    }
    if (scene.input.manager.pointersTotal < 3) scene.input.addPointer(3 - scene.input.manager.pointersTotal);
    this.touch = {
      move: new VirtualStick(scene, {
        region: (w, h) => ({ x: 0, y: 0, width: w / 2, height: h }),
        home: (w, h) => hudLayout(w, h).leftThumb,
      }),
      dash: new TouchButton(scene, { label: "DASH", position: (w, h) => hudLayout(w, h).rightThumb, radiusPx: 48, color: 0xff8a7a }),
    };
  }

  sample(): Omit<TagInput, "seq" | "viewTick"> {
    const k = this.keys;
    let moveX = k ? Number(k.d.isDown || k.right.isDown) - Number(k.a.isDown || k.left.isDown) : 0;
    let moveY = k ? Number(k.s.isDown || k.down.isDown) - Number(k.w.isDown || k.up.isDown) : 0;
    if (this.touch && moveX === 0 && moveY === 0) {
      moveX = this.touch.move.value.x;
      moveY = this.touch.move.value.y;
    }
    const dash = (k ? k.space.isDown || k.shift.isDown : false) || (this.touch?.dash.isDown ?? false);
    return { moveX, moveY, dash };
  }
}
