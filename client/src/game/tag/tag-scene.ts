import type Phaser from "phaser";
import { TAG_MAP, TAG_RADIUS_PX, type TagBody, type TagInput, type TagPlayer, type TagState } from "@arena/shared/games/tag";
import { GameSceneBase } from "../common/game-scene-base.js";
import { drawWalledMap } from "../common/map-view.js";
import type { GameHook } from "../common/test-hook.js";
import { UI_DEPTH, cssColor, uiText } from "../common/ui-style.js";
import { TagEmotes } from "./tag-emotes.js";
import { TagInputSampler } from "./tag-input-sampler.js";
import { ControlsHint } from "../common/controls-hint.js";
import { objectBox, type HudLayout } from "../common/hud-layout.js";
import { addMuteToggle } from "../common/mute-toggle.js";
import { playerLabel } from "../common/player-label.js";
import type { ScoreboardRow } from "../common/scoreboard-rows.js";
import { HeldOrder, boardHeld, rowsShown } from "../common/held-order.js";
import { SoundBoard } from "../common/sound-board.js";
import { isTouchDevice } from "../common/touch-device.js";
import { WATCH_CONTROLS } from "../common/watch-camera.js";

/** Tag's controls, shown for the first seconds of a game. */
const TAG_CONTROLS = {
  desktop: "WASD / arrows: run · Space: dash · 1-4: emotes · M: sound on/off",
  touch: "Left thumb: run\nDASH button: dash",
};

const IT_COLOR = 0xff3b30;

/**
 * Tag: the local runner drawn where prediction puts it, others interpolated. Whoever is "it"
 * glows red. Same netcode as the arena, a different game: only drawing and input live here.
 */
export class TagScene extends GameSceneBase<TagState, TagPlayer, TagBody, TagInput> {
  private sampler!: TagInputSampler;
  private emotes!: TagEmotes;
  private runners!: Phaser.GameObjects.Graphics;
  private status!: Phaser.GameObjects.Text;
  private board!: Phaser.GameObjects.Text;
  /** The players of the board's rows, top to bottom (below its "Score" line). */
  private boardIds: string[] = [];
  /** The board's order, held while the board is pointed at (a watcher picks names). */
  private readonly boardOrder = new HeldOrder();
  private sounds!: SoundBoard;
  private hint!: ControlsHint;
  /** Who was "it" last frame ("" before anyone), to hear a tag. */
  private lastItId = "";

  constructor() {
    super("tag", TAG_MAP);
  }

  protected createGame(): void {
    drawWalledMap(this, TAG_MAP);
    this.touch = this.touchControls();
    this.sampler = new TagInputSampler(this, this.touch);
    this.sounds = SoundBoard.forScene(this);
    addMuteToggle(this, this.sounds);
    this.emotes = new TagEmotes(this, this.conn);
    this.runners = this.add.graphics();
    this.status = this.add.text(16, 14, "", uiText(16)).setScrollFactor(0).setDepth(UI_DEPTH);
    this.board = this.add.text(0, 14, "", uiText(13)).setOrigin(1, 0).setScrollFactor(0).setDepth(UI_DEPTH);
    this.hint = new ControlsHint(this, this.conn.session.watching ? WATCH_CONTROLS : TAG_CONTROLS, isTouchDevice(), 15);
  }

  protected override bindHook(hook: GameHook): void {
    hook.emote = (id) => this.emotes.textFor(id, this.time.now);
    hook.sounds = () => ({ ...this.sounds.played });
    hook.hint = () => this.hint.shown;
    hook.hud = () => this.pageBoxes({
      stats: objectBox(this.status),
      scoreboard: objectBox(this.board),
      overlay: this.overlay.bounds(),
      hint: this.hint.shown ? objectBox(this.hint.text) : null,
      stick: this.sampler.touch?.move.bounds() ?? null,
      dash: this.sampler.touch?.dash.bounds() ?? null,
    });
  }

  /** The board is one text, a line per row after the "Score" line: each line's share of its height. */
  protected override scoreboardRows(): readonly ScoreboardRow[] {
    const box = objectBox(this.board);
    const lineHeight = box.height / (this.boardIds.length + 1);
    return this.boardIds.map((id, i) => ({ id, box: { x: box.x, y: box.y + (i + 1) * lineHeight, width: box.width, height: lineHeight } }));
  }

  protected override hookScore(p: TagPlayer): { kills: number; deaths: number; health: number } {
    return { kills: p.score, deaths: 0, health: 100 };
  }

  protected sampleInput(): Omit<TagInput, "seq" | "viewTick"> {
    return this.sampler.sample();
  }

  protected drawFrame(time: number): void {
    const me = this.conn.session.sessionId;
    const g = this.runners.clear();
    this.emotes.update(time);
    this.forEachPlayer((p, id, pos, local) => {
      this.drawRunner(g, p, pos, local, time);
      const emote = this.emotes.textFor(id, time);
      const name = playerLabel(id, p.name);
      this.labels.show(id, emote ? `${emote}\n${name}` : name, pos.x, pos.y - TAG_RADIUS_PX - 4);
    });
    this.updateText(this.conn.session.state.players.get(me));
    this.listenForTags(me);
    this.hint.update(time);
    this.placeHint(this.hint);
  }

  private drawRunner(g: Phaser.GameObjects.Graphics, p: TagPlayer, pos: { x: number; y: number }, local: boolean, time: number): void {
    if (p.it) {
      g.fillStyle(IT_COLOR, 0.25 + 0.15 * Math.sin(time / 120));
      g.fillCircle(pos.x, pos.y, TAG_RADIUS_PX * 2);
    }
    g.fillStyle(p.color, 1);
    g.fillCircle(pos.x, pos.y, TAG_RADIUS_PX);
    g.lineStyle(local ? 3 : 2, p.it ? IT_COLOR : 0xffffff, local ? 1 : 0.6);
    g.strokeCircle(pos.x, pos.y, TAG_RADIUS_PX);
  }

  private updateText(me: TagPlayer | undefined): void {
    const { session } = this.conn;
    const it = [...session.state.players.values()].find((p) => p.it);
    const line = this.connectionLine() ?? (this.conn.session.watching ? `${it?.name ?? "Nobody"} is it.`
      : me?.it ? "You are IT! Tag someone." : `${it?.name ?? "Nobody"} is it. Run!`);
    const score = session.watching ? "" : `score ${me?.score ?? 0}   `; // a watcher has no score of its own
    this.status.setText(`${line}\n${score}ping ${Math.round(session.stats().rttMs)} ms`);
    this.status.setColor(me?.it ? cssColor(IT_COLOR) : "#e8ecf4");
    const players: { id: string; p: TagPlayer }[] = [];
    session.state.players.forEach((p, id) => players.push({ id, p }));
    players.sort((a, b) => b.p.score - a.p.score);
    const order = this.boardOrder.arrange(players.map(({ id }) => id), boardHeld(this, objectBox(this.board)));
    const byId = new Map(players.map((row) => [row.id, row]));
    // Your own row (a watcher's: the followed player's) is shown even below the rows that fit.
    const pinnedId = session.watching ? session.followed : session.sessionId;
    const shown = rowsShown(order, this.hudLayout.right.maxRows, pinnedId).map((id) => byId.get(id)!);
    this.boardIds = shown.map(({ id }) => id);
    const rows = shown.map(({ id, p }) => `${p.it ? "● " : ""}${playerLabel(id, p.name)}  ${p.score}`);
    this.board.setText(["Score", ...rows].join("\n"));
  }

  /** "It" passed from or to the local player: a tag, heard by both sides of it. */
  private listenForTags(me: string): void {
    let itId = "";
    this.conn.session.state.players.forEach((p, id) => {
      if (p.it) itId = id;
    });
    if (itId && this.lastItId && itId !== this.lastItId && (itId === me || this.lastItId === me)) this.sounds.play("tag");
    if (itId) this.lastItId = itId;
  }

  protected override layoutHud(l: HudLayout): void {
    this.status.setPosition(l.left.x, l.margin).setFontSize(l.compact ? 13 : 16).setWordWrapWidth(l.left.width);
    this.board.setPosition(this.scale.width - l.margin, l.margin).setFontSize(l.compact ? 12 : 13).setWordWrapWidth(l.right.width);
    this.hint.text.setFontSize(l.compact ? 13 : 15);
    this.sampler.touch?.move.layout();
    this.sampler.touch?.dash.layout();
  }
}
