import Phaser from "phaser";
import { describeCloseCode, type ConnectionStatus, type PredictedBody, type SessionState } from "../../net/index.js";
import { cameraBounds, type Box } from "./camera-bounds.js";
import { WatchCamera } from "./watch-camera.js";
import { bottomInsetPx, watchBottomInsets } from "./page-insets.js";
import type { GameConnection } from "./connection.js";
import type { ControlsHint } from "./controls-hint.js";
import { DebugOverlay } from "./debug-overlay.js";
import { bindSessionHook } from "./hook-binding.js";
import { centerAvoiding, hudLayout, pageBox, type HudLayout } from "./hud-layout.js";
import type { WalledMap } from "./map-view.js";
import { NameLabels } from "./name-labels.js";
import type { ScoreboardRow } from "./scoreboard-rows.js";
import { bindCameraHook, type GameHook, type HookEntity, type HookScore } from "./test-hook.js";
import { isTouchDevice } from "./touch-device.js";
import type { ScreenRect } from "./virtual-stick.js";
import type { GameSceneData } from "../registry.js";

/** A point in world px. */
export interface Point {
  x: number;
  y: number;
}

/**
 * What every game scene does the same way, so a game's scene only draws its world and samples its
 * input:
 * - each frame: the connection's status into the test hook (and `onConnectionStatus`), one
 *   `session.frame` with `sampleInput` while the socket is live, `drawFrame`, the F3 debug
 *   overlay, `hook.frames` and `hook.ready` (once the local player was drawn);
 * - a tab coming back to view resyncs the session (no replay of the hidden time; `onResync` for
 *   the game's own buffers);
 * - the camera follows the local player (`placePlayer`) inside the world's bounds, re-laid out on
 *   resize together with the overlay and the game's HUD (`layoutHud`);
 * - name labels (`labels`) and drawn positions of players who left are dropped;
 * - the test hook (window.__game): session, players, drawn players (`placePlayer`) and entities
 *   (`placeEntity`: `__game.entities(collection)`), the camera (`toScreen`), name tags, touch;
 * - watching (a spectator's session): the WatchCamera instead of the local player's camera, fed
 *   with the game's scoreboard rows (`scoreboardRows`) so a name can be clicked or tapped to follow
 *   that player; no touch controls (`touchControls()` is false: a spectator controls nobody).
 *
 * `S`, `P`, `B`, `I`: the game's state, player, predicted body and input (as in GameConnection).
 */
export abstract class GameSceneBase<
  S extends SessionState<P>,
  P extends { ack: number; name: string; x: number; y: number },
  B extends PredictedBody,
  I extends { seq: number; viewTick?: number },
> extends Phaser.Scene {
  protected conn!: GameConnection<S, P, B, I>;
  protected hook!: GameHook;
  protected overlay!: DebugOverlay;
  protected labels!: NameLabels;
  protected hudLayout!: HudLayout;
  /** Set in `createGame` when the game shows touch controls (the HUD layout makes room for them). */
  protected touch = false;
  private readonly drawnPlayers = new Map<string, Point>();
  private readonly drawnEntities = new Map<string, Map<string, Point>>();
  private readonly sampled: number[] = [0, 0];
  private camTarget!: Phaser.GameObjects.Zone;
  private lastStatus: ConnectionStatus = "connected";
  /** A spectator's camera (Tab: next player, arrows: free), when the session is watching; null when playing. */
  private watch: WatchCamera | null = null;

  /** `key`: the scene key (the registry's sceneKey); `world`: the map the camera is bounded by. */
  constructor(key: string, private readonly world: WalledMap) {
    super(key);
  }

  init(data: GameSceneData<GameConnection<S, P, B, I>>): void {
    this.conn = data.conn;
    this.hook = data.hook;
  }

  create(): void {
    this.overlay = new DebugOverlay(this, new URLSearchParams(window.location.search).has("debug"));
    this.labels = new NameLabels(this);
    this.camTarget = this.add.zone(0, 0, 1, 1);
    this.cameras.main.startFollow(this.camTarget, false, 1, 1);
    this.createGame();
    this.layout();
    this.scale.on(Phaser.Scale.Events.RESIZE, this.layout, this);
    // A DOM bar over the bottom edge (the replay controls) that changes size moves the HUD too.
    const stopWatchingInsets = watchBottomInsets(() => this.layout());
    const onVisibility = (): void => {
      if (document.visibilityState !== "visible" || !this.conn.live) return;
      this.conn.session.resync();
      this.onResync();
    };
    document.addEventListener("visibilitychange", onVisibility);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      document.removeEventListener("visibilitychange", onVisibility);
      this.scale.off(Phaser.Scale.Events.RESIZE, this.layout, this);
      stopWatchingInsets();
    });
    bindSessionHook(this.hook, this.conn, {
      player: (id) => this.drawnAt(id),
      entities: (collection) => [...(this.drawnEntities.get(collection) ?? [])].map(([id, p]): HookEntity => ({ id, x: p.x, y: p.y })),
    }, (p) => this.hookScore(p));
    bindCameraHook(this.hook, this);
    this.hook.touch = this.touch;
    this.hook.nameTag = (id) => this.labels.nameOf(id);
    this.bindHook(this.hook);
    if (this.conn.session.watching) {
      this.watch = new WatchCamera(this, this.conn.session, (id) => this.drawnAt(id), this.hook, () => this.scoreboardRows());
      this.watch.layout(this.hudLayout);
    }
  }

  override update(time: number, deltaMs: number): void {
    const { conn, hook } = this;
    const { session } = conn;
    if (conn.status !== this.lastStatus) this.statusChanged();
    // Only while the socket is open: sends into a closing one just log browser errors.
    if (conn.live) session.frame(deltaMs, () => this.sampleInput());
    for (const drawn of this.drawnEntities.values()) drawn.clear();
    this.drawFrame(time, deltaMs);
    this.watch?.update(deltaMs);
    const players = session.state.players;
    for (const id of this.drawnPlayers.keys()) if (!players.get(id)) this.drawnPlayers.delete(id);
    this.labels.prune((id) => players.get(id) !== undefined);
    this.overlay.update(() => session.stats(), session.link, time, () => this.overlayLines());
    hook.frames++;
    if (this.drawnAt(session.sessionId)) hook.ready = true;
  }

  /** Build the game's world and HUD (the overlay, labels and camera exist already). */
  protected abstract createGame(): void;
  /** One input tick: read the controls (called by `session.frame`, 0..n times a frame). */
  protected abstract sampleInput(): Omit<I, "seq" | "viewTick">;
  /** Draw this frame (after the session's frame: prediction and the render clock are current). */
  protected abstract drawFrame(timeMs: number, deltaMs: number): void;

  /** Lay out the game's HUD for the view's size (on start and on every resize). */
  protected layoutHud(_layout: HudLayout): void {}
  /** The tab came back and the session resynced: drop the game's own buffered effects. */
  protected onResync(): void {}
  /** The connection dropped, came back or closed for good (the hook is updated already). */
  protected onConnectionStatus(_status: ConnectionStatus, _closeCode: number): void {}
  /** Extra lines for the F3 overlay. */
  protected overlayLines(): string[] {
    return [];
  }
  /**
   * The rows the game's scoreboard shows now, by player, in screen px: a spectator clicks or taps
   * one to follow that player, and the followed one is highlighted (WatchCamera). null (the
   * default): the game draws no scoreboard, and a spectator gets a list of the players instead.
   */
  protected scoreboardRows(): readonly ScoreboardRow[] | null {
    return null;
  }
  /**
   * Whether to show on-screen touch controls (stick, fire, dash...): on a touch screen
   * (isTouchDevice), and never to a spectator, who controls nobody. A game sets `touch` from it.
   */
  protected touchControls(): boolean {
    return isTouchDevice() && !this.conn.session.watching;
  }
  /** The hook's health/kills/deaths for a player, in games that have them. */
  protected hookScore(_player: P): HookScore {
    return {};
  }
  /** Fill in the game's own parts of the test hook (`shots`, `emote`, `hud`...). */
  protected bindHook(_hook: GameHook): void {}
  /** The box the camera stays in: the world and its walls, centred when the view is larger. */
  protected cameraBox(viewWidth: number, viewHeight: number): Box {
    return cameraBounds(this.world, viewWidth, viewHeight);
  }

  /** Where player `id` was drawn last (the test hook's `remote`); a game that draws players itself overrides it. */
  protected drawnAt(id: string): Point | null {
    const p = this.drawnPlayers.get(id);
    return p ? { x: p.x, y: p.y } : null;
  }

  /**
   * Where to draw player `id` this frame: the local player predicted (and the camera on it), a
   * remote one interpolated on the render clock; null while there is nothing to draw yet.
   */
  protected placePlayer(id: string): Point | null {
    const { session } = this.conn;
    const pos = id === session.sessionId ? session.localRenderPosition() : session.sampleRemote(id, this.sampled) === "empty" ? null : { x: this.sampled[0]!, y: this.sampled[1]! };
    if (!pos) return null;
    this.drawnPlayers.set(id, pos);
    if (id === session.sessionId) this.follow(pos);
    return pos;
  }

  /** Point the camera at `pos` this frame (placePlayer does it for the local player). */
  protected follow(pos: Point): void {
    this.camTarget.setPosition(pos.x, pos.y);
  }

  /** Every player with where to draw it this frame (see placePlayer), skipping those not drawable yet. */
  protected forEachPlayer(draw: (player: P, id: string, pos: Point, local: boolean) => void): void {
    const me = this.conn.session.sessionId;
    this.conn.session.state.players.forEach((player, id) => {
      const pos = this.placePlayer(id);
      if (pos) draw(player, id, pos, id === me);
    });
  }

  /** Where to draw item `id` of a synced collection this frame (its first two values), or null; the hook's `entities` lists it. */
  protected placeEntity(collection: string, id: string): Point | null {
    if (this.conn.session.sample(collection, id, this.sampled) === "empty") return null;
    const pos = { x: this.sampled[0]!, y: this.sampled[1]! };
    let drawn = this.drawnEntities.get(collection);
    if (!drawn) this.drawnEntities.set(collection, (drawn = new Map()));
    drawn.set(id, pos);
    return pos;
  }

  /** The status line's text while not connected ("Reconnecting… (code 1006)", why it closed), else null. */
  protected connectionLine(): string | null {
    const { status, closeCode } = this.conn;
    if (status === "reconnecting") return `Reconnecting… (code ${closeCode})`;
    return status === "connected" ? null : describeCloseCode(closeCode);
  }

  /** The controls hint in the middle, below the player, clear of the open network overlay. */
  protected placeHint(hint: ControlsHint): void {
    if (!hint.shown) return;
    const { width } = this.scale;
    const l = this.hudLayout;
    const avoid = this.overlay.bounds();
    const wrap = avoid ? width - (avoid.x + avoid.width) - 2 * l.margin : width - 2 * l.margin;
    hint.place(centerAvoiding(width, Math.min(hint.text.width, wrap), l.hintBottom - hint.text.height / 2, hint.text.height / 2, avoid), l.hintBottom, Math.max(160, Math.min(480, wrap)));
  }

  /** Screen boxes of HUD pieces (null: not shown) as page boxes, for the hook's `hud()`. */
  protected pageBoxes(boxes: Record<string, ScreenRect | null>): Record<string, ScreenRect> {
    const out: Record<string, ScreenRect> = {};
    for (const [name, box] of Object.entries(boxes)) if (box) out[name] = pageBox(this, box);
    return out;
  }

  private layout(): void {
    const b = this.cameraBox(this.scale.width, this.scale.height);
    this.cameras.main.setBounds(b.x, b.y, b.width, b.height);
    this.hudLayout = hudLayout(this.scale.width, this.scale.height, this.touch, bottomInsetPx(this.game.canvas));
    this.overlay.layout(this.hudLayout);
    this.layoutHud(this.hudLayout);
    this.watch?.layout(this.hudLayout);
  }

  /** Reflect a dropped, restored or closed connection in the test hook and the console. */
  private statusChanged(): void {
    const { status, closeCode } = this.conn;
    const key = this.scene.key;
    this.lastStatus = status;
    if (status === "connected") {
      this.hook.status = "playing";
      this.hook.message = "";
      this.hook.roomId = this.conn.room.roomId;
      console.info(`[${key}] reconnected`);
    } else if (status === "reconnecting") {
      this.hook.status = "reconnecting";
      this.hook.message = `connection lost (code ${closeCode})`;
      console.warn(`[${key}] connection lost (code ${closeCode}); reconnecting`);
    } else {
      this.hook.status = "disconnected";
      this.hook.message = `Disconnected (code ${closeCode}): ${describeCloseCode(closeCode)}`;
      console.warn(`[${key}] left the room (code ${closeCode})`);
    }
    this.onConnectionStatus(status, closeCode);
  }
}
