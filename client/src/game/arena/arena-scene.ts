import { TICK_HZ } from "@arena/shared";
import { ARENA_MAP, ArenaMessage, traceShot, type ArenaBody, type ArenaInput, type ArenaPlayer, type ArenaState, type KillMessage, type ShotMessage } from "@arena/shared/games/arena";
import type { GameHook, HookScore } from "../common/test-hook.js";
import { describeCloseCode, type ConnectionStatus } from "../../net/index.js";
import { GameSceneBase, type Point } from "../common/game-scene-base.js";
import { FireGate } from "./fire-gate.js";
import { Hud } from "./hud.js";
import { InputSampler, type SampledInput } from "./input-sampler.js";
import { drawWalledMap } from "../common/map-view.js";
import { PlayerSprites, type LocalPose } from "./player-sprites.js";
import { Scoreboard } from "./scoreboard.js";
import type { ScoreboardRow } from "../common/scoreboard-rows.js";
import { ShotVerdicts } from "./shot-verdicts.js";
import { Tracers } from "./tracers.js";
import { KillFeed } from "./kill-feed.js";
import { ControlsHint } from "../common/controls-hint.js";
import { objectBox, type HudLayout } from "../common/hud-layout.js";
import { addMuteToggle } from "../common/mute-toggle.js";
import { playerLabel } from "../common/player-label.js";
import { SoundBoard } from "../common/sound-board.js";
import { isTouchDevice } from "../common/touch-device.js";
import { WATCH_CONTROLS } from "../common/watch-camera.js";

/** The arena's controls, shown for the first seconds of a game. */
const ARENA_CONTROLS = {
  desktop: "WASD / arrows: move · mouse: aim · click: shoot · M: sound on/off",
  touch: "Left thumb: move\nRight thumb: drag to aim, hold to shoot",
};

/**
 * The arena: draws the map and players, feeds sampled input to the NetSession each frame,
 * and shows shots, HUD, scoreboard and the F3 network overlay. It never touches sockets:
 * everything network goes through the session (and the room feed for shots and errors).
 */
export class ArenaScene extends GameSceneBase<ArenaState, ArenaPlayer, ArenaBody, ArenaInput> {
  private sampler!: InputSampler;
  private readonly fireGate = new FireGate();
  private sprites!: PlayerSprites;
  private tracers!: Tracers;
  private hud!: Hud;
  private scoreboard!: Scoreboard;
  private local: LocalPose | null = null;
  private aimRad = 0;
  /** Own shots fired by inputs sampled this frame (drawn once the frame is predicted): aim and input seq. */
  private ownShots: { aim: number; seq: number }[] = [];
  /** Own shots as drawn against the server's verdicts (F3 overlay). */
  private readonly verdicts = new ShotVerdicts();
  private sounds!: SoundBoard;
  private killFeed!: KillFeed;
  private hint!: ControlsHint;
  /** Who killed the local player and when it respawns, while it is dead. */
  private killedBy: { label: string; respawnTick: number } | null = null;
  /** The local player's health last frame (-1 before it exists), to hear its respawn. */
  private lastHealth = -1;

  constructor() {
    super("arena", ARENA_MAP);
  }

  protected createGame(): void {
    drawWalledMap(this, ARENA_MAP);
    this.touch = this.touchControls();
    this.sampler = new InputSampler(this, this.touch);
    this.sounds = SoundBoard.forScene(this);
    addMuteToggle(this, this.sounds);
    this.killFeed = new KillFeed(this);
    this.sprites = new PlayerSprites(this, this.conn.session);
    this.tracers = new Tracers(this);
    this.hud = new Hud(this);
    this.scoreboard = new Scoreboard(this, this.conn.session.sessionId);
    this.hint = new ControlsHint(this, this.conn.session.watching ? WATCH_CONTROLS : ARENA_CONTROLS, isTouchDevice(), 15);
  }

  protected override scoreboardRows(): readonly ScoreboardRow[] {
    return this.scoreboard.playerRows();
  }

  protected override bindHook(hook: GameHook): void {
    hook.shots = () => ({ ...this.verdicts.stats });
    hook.sounds = () => ({ ...this.sounds.played });
    hook.killFeed = () => this.killFeed.shown();
    hook.banner = () => this.hud.bannerText;
    hook.hint = () => this.hint.shown;
    hook.nameTag = (id) => this.sprites.nameTag(id);
    hook.hud = () => this.pageBoxes({
      ...this.hud.boxes(),
      scoreboard: this.scoreboard.bounds(),
      killFeed: this.killFeed.bounds(),
      overlay: this.overlay.bounds(),
      hint: this.hint.shown ? objectBox(this.hint.text) : null,
      stick: this.sampler.touch?.move.bounds() ?? null,
      aim: this.sampler.touch?.aim.bounds() ?? null,
    });
  }

  protected override hookScore(p: ArenaPlayer): HookScore {
    return { health: p.health, kills: p.kills, deaths: p.deaths };
  }

  /** Players are drawn by PlayerSprites. */
  protected override drawnAt(id: string): Point | null {
    return this.sprites.position(id);
  }

  protected drawFrame(time: number): void {
    const { session, feed } = this.conn;
    const pos = session.localRenderPosition();
    this.local = pos ? { x: pos.x, y: pos.y, aimRad: this.aimRad } : null;
    this.sprites.update(this.local, time);
    if (this.local) this.follow(this.local);
    this.drawShots(time);
    for (const text of feed.takeMessages()) this.hud.notify(text, time);
    this.takeKills(time);
    const me = session.state.players.get(session.sessionId);
    if (me) {
      this.hud.update({ health: me.health, kills: me.kills, deaths: me.deaths, pingMs: session.stats().rttMs }, time);
      if (this.lastHealth === 0 && me.health > 0) {
        this.sounds.play("respawn");
        this.killedBy = null;
      }
      this.lastHealth = me.health;
    }
    if (this.conn.status === "connected") this.hud.setBanner(me && me.health <= 0 ? this.deathBanner() : "", this.overlay.bounds());
    this.scoreboard.update(session.state, session.watching ? session.followed : session.sessionId);
    this.killFeed.update(time);
    this.hint.update(time);
    this.placeHint(this.hint);
  }

  protected override overlayLines(): string[] {
    return this.verdicts.lines();
  }

  protected override onResync(): void {
    this.tracers.clearWaiting();
  }

  /** One input tick: read the controls and predict whether this input fires. */
  protected sampleInput(): SampledInput {
    const input = this.sampler.sample(this.local);
    this.aimRad = input.aim;
    const { session } = this.conn;
    const me = session.state.players.get(session.sessionId);
    if (this.fireGate.step(input.fire, (me?.health ?? 0) > 0)) {
      this.ownShots.push({ aim: input.aim, seq: session.nextInputSeq });
      this.sounds.play("shot");
    }
    return input;
  }

  /** Kills since last frame: into the feed; the local player's own death sets "killed by". */
  private takeKills(nowMs: number): void {
    const me = this.conn.session.sessionId;
    for (const kill of this.conn.feed.take<KillMessage>(ArenaMessage.Kill)) {
      this.killFeed.add(kill, me, nowMs);
      if (kill.victim === me) {
        this.killedBy = { label: playerLabel(kill.by, kill.byName), respawnTick: kill.respawnTick };
        this.sounds.play("death");
      }
    }
  }

  /** "Killed by <name>" and the seconds to the respawn, counted on the server's tick. */
  private deathBanner(): string {
    if (!this.killedBy) return "Respawning…";
    const state = this.conn.session.state;
    const ticksLeft = Math.max(0, this.killedBy.respawnTick - state.tick);
    const seconds = Math.ceil(ticksLeft / (state.tickHz || TICK_HZ));
    return `Killed by ${this.killedBy.label}\n${seconds > 0 ? `Respawn in ${seconds} s` : "Respawning…"}`;
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
    for (const shot of feed.take<ShotMessage>(ArenaMessage.Shot)) {
      // Hit while spawn-protected: no damage, no "hurt".
      if (shot.hit === me && !session.state.players.get(me)?.shielded) this.sounds.play("hurt");
      if (shot.by === me) {
        // Already drawn when fired; the echo confirms a hit and says how far back it was rewound.
        this.verdicts.resolve(shot);
        if (shot.hit) {
          this.sprites.flash(shot.hit, nowMs);
          this.sounds.play("hit");
        }
        continue;
      }
      this.tracers.enqueue(shot, session.state.players.get(shot.by)?.color ?? 0xffffff, nowMs);
    }
    for (const shot of this.tracers.release(session.renderTick, nowMs)) if (shot.hit) this.sprites.flash(shot.hit, nowMs);
    this.tracers.draw(nowMs);
  }

  protected override layoutHud(l: HudLayout): void {
    this.hud.layout(l);
    this.scoreboard.layout(l);
    this.killFeed.layout(l);
    this.hint.text.setFontSize(l.compact ? 13 : 15);
    this.sampler.touch?.move.layout();
    this.sampler.touch?.aim.layout();
  }

  /** A dropped, restored or closed connection in the banner (the base updates the hook). */
  protected override onConnectionStatus(status: ConnectionStatus, closeCode: number): void {
    if (status === "connected") this.tracers.clearWaiting();
    else if (status === "reconnecting") this.hud.setBanner(`Connection lost (code ${closeCode}). Reconnecting…`);
    else this.hud.setBanner(describeCloseCode(closeCode));
  }
}
