import Phaser from "phaser";
import { ARENA_MAP, ServerMessage, traceShot, type ShotMessage } from "@arena/shared";
import { bindCameraHook, type GameHook } from "../common/test-hook.js";
import { cameraBounds } from "../common/camera-bounds.js";
import type { ArenaConnection } from "./connect-arena.js";
import { describeCloseCode } from "../../net/index.js";
import { DebugOverlay } from "../common/debug-overlay.js";
import { FireGate } from "./fire-gate.js";
import { bindGameHook } from "./game-hook-binding.js";
import { Hud } from "./hud.js";
import { InputSampler, type SampledInput } from "./input-sampler.js";
import { drawWalledMap } from "../common/map-view.js";
import { PlayerSprites, type LocalPose } from "./player-sprites.js";
import { Scoreboard } from "./scoreboard.js";
import { ShotVerdicts } from "./shot-verdicts.js";
import { Tracers } from "./tracers.js";

/** What the arena scene is started with. */
export interface ArenaSceneData {
  conn: ArenaConnection;
  hook: GameHook;
}

/**
 * The arena: draws the map and players, feeds sampled input to the NetSession each frame,
 * and shows shots, HUD, scoreboard and the F3 network overlay. It never touches sockets:
 * everything network goes through the session (and the room feed for shots and errors).
 */
export class ArenaScene extends Phaser.Scene {
  private conn!: ArenaConnection;
  private hook!: GameHook;
  private sampler!: InputSampler;
  private readonly fireGate = new FireGate();
  private sprites!: PlayerSprites;
  private tracers!: Tracers;
  private hud!: Hud;
  private scoreboard!: Scoreboard;
  private overlay!: DebugOverlay;
  private local: LocalPose | null = null;
  private aimRad = 0;
  /** Own shots fired by inputs sampled this frame (drawn once the frame is predicted): aim and input seq. */
  private ownShots: { aim: number; seq: number }[] = [];
  /** Own shots as drawn against the server's verdicts (F3 overlay). */
  private readonly verdicts = new ShotVerdicts();
  private following = false;
  private lastStatus: ArenaConnection["status"] = "connected";

  constructor() {
    super("arena");
  }

  init(data: ArenaSceneData): void {
    this.conn = data.conn;
    this.hook = data.hook;
  }

  create(): void {
    const { conn, hook } = this;
    const { session } = conn;
    drawWalledMap(this, ARENA_MAP);
    this.sampler = new InputSampler(this);
    this.sprites = new PlayerSprites(this, session);
    this.tracers = new Tracers(this);
    this.hud = new Hud(this);
    this.scoreboard = new Scoreboard(this, session.sessionId);
    this.overlay = new DebugOverlay(this, new URLSearchParams(window.location.search).has("debug"));
    this.layout();
    this.scale.on(Phaser.Scale.Events.RESIZE, this.layout, this);
    const onVisibility = (): void => {
      if (document.visibilityState !== "visible" || !conn.live) return;
      session.resync();
      this.tracers.clearWaiting();
    };
    document.addEventListener("visibilitychange", onVisibility);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      document.removeEventListener("visibilitychange", onVisibility);
      this.scale.off(Phaser.Scale.Events.RESIZE, this.layout, this);
    });
    bindGameHook(hook, conn, this.sprites);
    hook.shots = () => ({ ...this.verdicts.stats });
    bindCameraHook(hook, this);
  }

  override update(time: number, deltaMs: number): void {
    const { conn, hook } = this;
    const { session, feed } = conn;
    if (conn.status !== this.lastStatus) this.onStatusChange();
    // Only while the socket is open: sends into a closing one just log browser errors.
    if (conn.live) session.frame(deltaMs, () => this.sample());
    const pos = session.localRenderPosition();
    this.local = pos ? { x: pos.x, y: pos.y, aimRad: this.aimRad } : null;
    this.sprites.update(this.local, time);
    this.followLocalPlayer();
    this.drawShots(time);
    for (const text of feed.takeMessages()) this.hud.notify(text, time);
    const me = session.state.players.get(session.sessionId);
    const stats = session.stats();
    if (me) this.hud.update({ health: me.health, kills: me.kills, deaths: me.deaths, pingMs: stats.rttMs }, time);
    if (conn.status === "connected") this.hud.setBanner(me && me.health <= 0 ? "Respawning…" : "");
    this.scoreboard.update(session.state);
    this.overlay.update(() => stats, session.link, time, () => this.verdicts.lines());
    hook.frames++;
    if (this.local && me) hook.ready = true;
  }

  /** One input tick: read the controls and predict whether this input fires. */
  private sample(): SampledInput {
    const input = this.sampler.sample(this.local);
    this.aimRad = input.aim;
    const { session } = this.conn;
    const me = session.state.players.get(session.sessionId);
    if (this.fireGate.step(input.fire, (me?.health ?? 0) > 0)) this.ownShots.push({ aim: input.aim, seq: session.nextInputSeq });
    return input;
  }

  /** Own shots at once (predicted against what is drawn); others' when the render clock reaches them. */
  private drawShots(nowMs: number): void {
    const { session, feed } = this.conn;
    const me = session.sessionId;
    const myColor = session.state.players.get(me)?.color ?? 0xffffff;
    if (this.local) {
      for (const { aim, seq } of this.ownShots) {
        const { x, y } = this.local;
        const shot = traceShot(x, y, aim, me, this.sprites.livingRemotes(), ARENA_MAP);
        this.tracers.add(x, y, shot.endX, shot.endY, myColor, shot.hitId !== null, nowMs);
        this.verdicts.predict(seq, shot.hitId !== null);
      }
    }
    this.ownShots = [];
    for (const shot of feed.take<ShotMessage>(ServerMessage.Shot)) {
      if (shot.by === me) {
        // Already drawn when fired; the echo confirms a hit and says how far back it was rewound.
        this.verdicts.resolve(shot);
        if (shot.hit) this.sprites.flash(shot.hit, nowMs);
        continue;
      }
      this.tracers.enqueue(shot, session.state.players.get(shot.by)?.color ?? 0xffffff, nowMs);
    }
    for (const shot of this.tracers.release(session.renderTick, nowMs)) if (shot.hit) this.sprites.flash(shot.hit, nowMs);
    this.tracers.draw(nowMs);
  }

  private followLocalPlayer(): void {
    if (this.following) return;
    const target = this.sprites.localObject();
    if (!target) return;
    this.cameras.main.startFollow(target, false, 1, 1);
    this.following = true;
  }

  private layout(): void {
    const cam = this.cameras.main;
    const b = cameraBounds(ARENA_MAP, this.scale.width, this.scale.height);
    cam.setBounds(b.x, b.y, b.width, b.height);
    this.hud.layout();
    this.overlay.layout();
  }

  /** Reflect a dropped, restored or closed connection in the banner and the test hook. */
  private onStatusChange(): void {
    const { status, closeCode } = this.conn;
    this.lastStatus = status;
    if (status === "connected") {
      this.tracers.clearWaiting();
      this.hook.status = "playing";
      this.hook.message = "";
      this.hook.roomId = this.conn.room.roomId;
      console.info("[arena] reconnected");
    } else if (status === "reconnecting") {
      this.hud.setBanner(`Connection lost (code ${closeCode}). Reconnecting…`);
      this.hook.status = "reconnecting";
      this.hook.message = `connection lost (code ${closeCode})`;
      console.warn(`[arena] connection lost (code ${closeCode}); reconnecting`);
    } else {
      this.hud.setBanner(describeCloseCode(closeCode));
      this.hook.status = "disconnected";
      this.hook.message = `Disconnected (code ${closeCode}): ${describeCloseCode(closeCode)}`;
      console.warn(`[arena] left the room (code ${closeCode})`);
    }
  }
}
