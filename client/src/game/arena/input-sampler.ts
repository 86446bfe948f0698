import Phaser from "phaser";
import type { ArenaInput } from "@arena/shared/games/arena";
import { hudLayout } from "../common/hud-layout.js";
import { VirtualStick } from "../common/virtual-stick.js";

/** An arena input without the fields the session adds (seq, viewTick). */
export type SampledInput = Omit<ArenaInput, "seq" | "viewTick">;

type Keys = Record<"w" | "a" | "s" | "d" | "up" | "down" | "left" | "right", Phaser.Input.Keyboard.Key>;

/** The arena's on-screen controls: a move stick (left half) and an aim stick (right half) that fires while held. */
export interface ArenaTouchControls {
  move: VirtualStick;
  aim: VirtualStick;
}

/**
 * Reads the controls once per input tick, keyboard and mouse merged with touch:
 * - move: WASD/arrows as axes in {-1, 0, 1}; while no key is held, the move stick's deflection;
 * - aim: while the aim stick is held, its direction (a touch without a drag keeps the last aim);
 *   otherwise the angle from where the local player is drawn to the mouse in world space, once the mouse has moved;
 * - fire: the left mouse button, or a thumb on the aim stick.
 */
export class InputSampler {
  private readonly keys: Keys | null;
  private aimRad = 0;
  /** The mouse has moved over the game: its position is an aim (on a touch screen it never is). */
  private mouseAims = false;
  readonly touch: ArenaTouchControls | null;

  constructor(private readonly scene: Phaser.Scene, touch: boolean) {
    const K = Phaser.Input.Keyboard.KeyCodes;
    this.keys = (scene.input.keyboard?.addKeys({
      w: K.W, a: K.A, s: K.S, d: K.D, up: K.UP, down: K.DOWN, left: K.LEFT, right: K.RIGHT,
    }) as Keys | undefined) ?? null;
    scene.input.mouse?.disableContextMenu();
    scene.input.on(Phaser.Input.Events.POINTER_MOVE, (p: Phaser.Input.Pointer) => {
      if (!p.wasTouch) this.mouseAims = true;
    });
    scene.input.on(Phaser.Input.Events.POINTER_DOWN, (p: Phaser.Input.Pointer) => {
      this.mouseAims = !p.wasTouch;
    });
    this.touch = touch ? arenaTouchControls(scene) : null;
  }

  /** Sample the controls; `from` is the local player's drawn position (null: keep the last aim). */
  sample(from: { x: number; y: number } | null): SampledInput {
    const k = this.keys;
    let moveX = k ? Number(k.d.isDown || k.right.isDown) - Number(k.a.isDown || k.left.isDown) : 0;
    let moveY = k ? Number(k.s.isDown || k.down.isDown) - Number(k.w.isDown || k.up.isDown) : 0;
    const touch = this.touch;
    if (touch && moveX === 0 && moveY === 0) {
      moveX = touch.move.value.x;
      moveY = touch.move.value.y;
    }
    const mouse = this.scene.input.mousePointer;
    if (touch?.aim.active) {
      const angle = touch.aim.value.angleRad;
      if (angle !== null) this.aimRad = angle;
    } else if (from && mouse && this.mouseAims) {
      // Recompute from screen coordinates: pointer.worldX goes stale while the camera scrolls.
      const world = this.scene.cameras.main.getWorldPoint(mouse.x, mouse.y);
      const dx = world.x - from.x;
      const dy = world.y - from.y;
      if (dx !== 0 || dy !== 0) this.aimRad = Math.atan2(dy, dx);
    }
    const fire = (mouse?.leftButtonDown() ?? false) || (touch?.aim.active ?? false);
    return { moveX, moveY, aim: this.aimRad, fire };
  }
}

/** The arena's two sticks, sized for thumbs, homed in the bottom corners. */
function arenaTouchControls(scene: Phaser.Scene): ArenaTouchControls {
  // Touches on both halves at once: the mouse pointer plus two touch pointers.
  if (scene.input.manager.pointersTotal < 3) scene.input.addPointer(3 - scene.input.manager.pointersTotal);
  return {
    move: new VirtualStick(scene, {
      region: (w, h) => ({ x: 0, y: 0, width: w / 2, height: h }),
      home: (w, h) => hudLayout(w, h).leftThumb,
    }),
    aim: new VirtualStick(scene, {
      region: (w, h) => ({ x: w / 2, y: 0, width: w / 2, height: h }),
      home: (w, h) => hudLayout(w, h).rightThumb,
      color: 0xff8a7a,
      deadZone: 0.2,
    }),
  };
}
