import Phaser from "phaser";
import type { GameHook } from "./test-hook.js";
import { THUMB_RADIUS_PX, hudLayout, objectBox, pageBox, type HudLayout } from "./hud-layout.js";
import { rowAt, type ScoreboardRow } from "./scoreboard-rows.js";
import { TouchButton } from "./touch-button.js";
import { isTouchDevice } from "./touch-device.js";
import { bottomInsetPx } from "./page-insets.js";
import { UI_DEPTH, uiText } from "./ui-style.js";
import { WatchRoster } from "./watch-roster.js";

/** How fast the arrow keys move the free camera, in world px per second. */
const FREE_CAMERA_PX_PER_SEC = 600;
/** The touch "Next" button's radius: a thumb's size, like the games' own buttons. */
const NEXT_BUTTON_RADIUS_PX = 44;
/**
 * A pointer (finger or mouse) that moves this far, in screen px, from where it went down on the
 * map drags the free camera; less is a tap (which picks nobody, and leaves the camera as it was).
 */
const DRAG_SLOP_PX = 10;

/** A pointer held down on the map: where, and where the camera was then. */
interface Drag {
  pointerId: number;
  x: number;
  y: number;
  scrollX: number;
  scrollY: number;
  panning: boolean;
}

/** A watching scene's controls hint (instead of the game's own, which a spectator cannot use). */
export const WATCH_CONTROLS = {
  desktop: "Watching · click a name or Tab: follow a player · arrows or drag: free camera · M: sound on/off",
  touch: "Watching · tap a name or NEXT to follow a player · drag: free camera",
};

/** The parts of a watching NetSession (any game) the camera uses. */
export interface WatchedSession {
  readonly watching: boolean;
  /** Whom the server follows for this spectator ("" none yet): its `following` message. */
  readonly followed: string;
  follow(playerId: string): boolean;
  readonly state: { players: { forEach(cb: (p: { name: string }, id: string) => void): void; get(id: string): { name: string } | undefined } };
}

/**
 * A spectator's camera and controls, for any game's scene (create it only when `session.watching`;
 * the scene then must not move the main camera itself, and shows no controls of a player). It
 * centres the main camera on where the scene last drew `session.followed` (`drawnAt`).
 * Whom to follow: a click or tap on a name on the scoreboard (`scoreboardRows`: the rows the game's
 * scoreboard shows now; null when the game draws none, and then this shows a list of the players
 * itself, WatchRoster), Tab (the next player by id order, wrapping), or on a touch screen a NEXT
 * button (the same). The followed name's row is highlighted. The arrow keys, or a drag on the map
 * (a finger or the mouse), move the camera freely (following stops) and Tab or a name then
 * returns to following. Shows "Watching <name>"
 * at the bottom of the screen, and sets the test hook's `watching`, `following()`, `ready` (once
 * the followed player is drawn), `scoreboardRows()` and, in `hud()`, "watchLine" (its text),
 * "next" (the touch button) and "scoreboard" (its list of players, when it shows one).
 */
export class WatchCamera {
  private free = false;
  private drag: Drag | null = null;
  private readonly text: Phaser.GameObjects.Text;
  private readonly arrows: Phaser.Types.Input.Keyboard.CursorKeys | null;
  private readonly highlight: Phaser.GameObjects.Graphics;
  private readonly roster: WatchRoster | null;
  private readonly next: TouchButton | null;
  private readonly touch: boolean;
  private layoutNow: HudLayout;

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly session: WatchedSession,
    private readonly drawnAt: (id: string) => { x: number; y: number } | null,
    private readonly hook: GameHook,
    private readonly scoreboardRows: () => readonly ScoreboardRow[] | null,
  ) {
    this.touch = isTouchDevice();
    this.layoutNow = hudLayout(scene.scale.width, scene.scale.height, false, bottomInsetPx(scene.game.canvas));
    this.text = scene.add.text(0, 0, "", uiText(16)).setOrigin(0.5, 1).setScrollFactor(0).setDepth(UI_DEPTH).setAlign("center");
    this.highlight = scene.add.graphics().setScrollFactor(0).setDepth(UI_DEPTH + 1);
    this.roster = scoreboardRows() === null ? new WatchRoster(scene) : null;
    this.next = this.touch
      ? new TouchButton(scene, { label: "NEXT", position: () => this.layoutNow.rightThumb, radiusPx: NEXT_BUTTON_RADIUS_PX, color: 0x9ad0ff })
      : null;
    const kb = scene.input.keyboard;
    this.arrows = kb?.createCursorKeys() ?? null;
    // Captured: Tab must not move the browser's focus out of the game.
    kb?.addKey(Phaser.Input.Keyboard.KeyCodes.TAB, true).on("down", () => this.onTab());
    scene.input.on(Phaser.Input.Events.POINTER_DOWN, this.onPointerDown, this);
    scene.input.on(Phaser.Input.Events.POINTER_MOVE, this.onPointerMove, this);
    scene.input.on(Phaser.Input.Events.POINTER_UP, this.onPointerUp, this);
    scene.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      scene.input.off(Phaser.Input.Events.POINTER_DOWN, this.onPointerDown, this);
      scene.input.off(Phaser.Input.Events.POINTER_MOVE, this.onPointerMove, this);
      scene.input.off(Phaser.Input.Events.POINTER_UP, this.onPointerUp, this);
    });
    scene.cameras.main.stopFollow();
    hook.watching = true;
    hook.following = () => session.followed || null;
    hook.scoreboardRows = () => this.rows().map(({ id, box }) => ({ id, ...pageBox(scene, box), highlighted: id === session.followed }));
    const gameHud = hook.hud;
    hook.hud = () => ({
      ...gameHud(),
      watchLine: pageBox(scene, objectBox(this.text)),
      ...(this.roster ? { scoreboard: pageBox(scene, this.roster.bounds()) } : {}),
      ...(this.next ? { next: pageBox(scene, this.next.bounds()) } : {}),
    });
  }

  /** The screen's HUD layout changed (the scene's resize). */
  layout(layout: HudLayout): void {
    this.layoutNow = layout;
    this.roster?.layout(layout);
    this.next?.layout();
  }

  /** Call once per frame, after the scene has drawn the players (and its scoreboard). */
  update(deltaMs: number): void {
    const cam = this.scene.cameras.main;
    const a = this.arrows;
    const dx = Number(!!a?.right.isDown) - Number(!!a?.left.isDown);
    const dy = Number(!!a?.down.isDown) - Number(!!a?.up.isDown);
    if (dx !== 0 || dy !== 0) {
      this.free = true;
      const step = (FREE_CAMERA_PX_PER_SEC * deltaMs) / 1000;
      cam.setScroll(cam.scrollX + dx * step, cam.scrollY + dy * step);
    }
    const id = this.session.followed;
    const pos = id ? this.drawnAt(id) : null;
    if (pos && !this.free) cam.centerOn(pos.x, pos.y);
    if (pos) this.hook.ready = true;
    this.roster?.update(this.playerIds(), (pid) => this.session.state.players.get(pid)?.name ?? "");
    this.drawHighlight(id);
    this.placeText(id);
  }

  private rows(): readonly ScoreboardRow[] {
    return this.roster?.rows() ?? this.scoreboardRows() ?? [];
  }

  /** The followed player's row: a light band with a frame around it. */
  private drawHighlight(id: string): void {
    const g = this.highlight.clear();
    const row = id ? this.rows().find((r) => r.id === id) : undefined;
    if (!row) return;
    const { x, y, width, height } = row.box;
    g.fillStyle(0xffe9a8, 0.18).fillRect(x, y, width, height);
    g.lineStyle(2, 0xffe9a8, this.free ? 0.5 : 1).strokeRect(x + 1, y, width - 2, height);
  }

  /** "Watching <name>" and the controls, bottom centre; on a touch screen left of the NEXT button. */
  private placeText(id: string): void {
    const name = (id && this.session.state.players.get(id)?.name) || "…";
    const how = this.touch ? "Tap a name or NEXT · drag: free camera" : "Click a name or Tab: another player · arrows or drag: free camera";
    const text = this.free ? `Free camera · ${this.touch ? "tap a name" : "Tab"}: back to ${name}` : `Watching ${name}\n${how}`;
    if (this.text.text !== text) this.text.setText(text);
    const { width } = this.scene.scale;
    const l = this.layoutNow;
    const right = this.next ? l.rightThumb.x - THUMB_RADIUS_PX - l.margin : width;
    this.text.setFontSize(l.compact ? 13 : 16);
    if (this.text.style.wordWrapWidth !== right - 2 * l.margin) this.text.setWordWrapWidth(right - 2 * l.margin);
    this.text.setPosition(right / 2, l.bottom);
  }

  private playerIds(): string[] {
    const ids: string[] = [];
    this.session.state.players.forEach((_p, id) => ids.push(id));
    return ids.sort();
  }

  /** Follow `id` (and leave the free camera). */
  private followPlayer(id: string): void {
    this.free = false;
    if (id !== this.session.followed) this.session.follow(id);
  }

  private onPointerDown(pointer: Phaser.Input.Pointer): void {
    if (this.next?.contains(pointer.x, pointer.y)) {
      this.free = false;
      this.followNext();
      return;
    }
    const id = rowAt(this.rows(), pointer.x, pointer.y);
    if (id) {
      this.followPlayer(id);
      return;
    }
    const cam = this.scene.cameras.main;
    this.drag = { pointerId: pointer.id, x: pointer.x, y: pointer.y, scrollX: cam.scrollX, scrollY: cam.scrollY, panning: false };
  }

  /** A drag on the map pans the camera with the pointer (and makes it free), once past DRAG_SLOP_PX. */
  private onPointerMove(pointer: Phaser.Input.Pointer): void {
    const drag = this.drag;
    if (!drag || pointer.id !== drag.pointerId || !pointer.isDown) return;
    const dx = pointer.x - drag.x;
    const dy = pointer.y - drag.y;
    if (!drag.panning && Math.hypot(dx, dy) < DRAG_SLOP_PX) return;
    drag.panning = true;
    this.free = true;
    const cam = this.scene.cameras.main;
    cam.setScroll(drag.scrollX - dx / cam.zoom, drag.scrollY - dy / cam.zoom);
  }

  private onPointerUp(pointer: Phaser.Input.Pointer): void {
    if (this.drag?.pointerId === pointer.id) this.drag = null;
  }

  /** Free camera: back to following. Following: ask for the next player. */
  private onTab(): void {
    if (this.free) {
      this.free = false;
      return;
    }
    this.followNext();
  }

  private followNext(): void {
    const ids = this.playerIds();
    if (ids.length === 0) return;
    const next = ids[(ids.indexOf(this.session.followed) + 1) % ids.length]!;
    if (next !== this.session.followed) this.session.follow(next);
  }
}
