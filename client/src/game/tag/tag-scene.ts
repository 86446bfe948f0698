import Phaser from "phaser";
import { TAG_MAP, TAG_RADIUS_PX, type TagPlayer } from "@arena/shared";
import { cameraBounds } from "../common/camera-bounds.js";
import { DebugOverlay } from "../common/debug-overlay.js";
import { bindSessionHook } from "../common/hook-binding.js";
import { drawWalledMap } from "../common/map-view.js";
import type { GameHook } from "../common/test-hook.js";
import { UI_DEPTH, cssColor, uiText } from "../common/ui-style.js";
import type { TagConnection } from "./connect-tag.js";
import { describeCloseCode } from "../../net/index.js";
import { TagEmotes } from "./tag-emotes.js";
import { TagInputSampler } from "./tag-input-sampler.js";

export interface TagSceneData {
  conn: TagConnection;
  hook: GameHook;
}

const IT_COLOR = 0xff3b30;

/**
 * Tag: the local runner drawn where prediction puts it, others interpolated. Whoever is "it"
 * glows red. Same netcode as the arena, a different game: only drawing and input live here.
 */
export class TagScene extends Phaser.Scene {
  private conn!: TagConnection;
  private hook!: GameHook;
  private sampler!: TagInputSampler;
  private emotes!: TagEmotes;
  private runners!: Phaser.GameObjects.Graphics;
  private labels = new Map<string, Phaser.GameObjects.Text>();
  private status!: Phaser.GameObjects.Text;
  private board!: Phaser.GameObjects.Text;
  private overlay!: DebugOverlay;
  private readonly drawn = new Map<string, { x: number; y: number }>();
  private readonly sampled: number[] = [0, 0];
  private camTarget!: Phaser.GameObjects.Zone;

  constructor() {
    super("tag");
  }

  init(data: TagSceneData): void {
    this.conn = data.conn;
    this.hook = data.hook;
  }

  create(): void {
    drawWalledMap(this, TAG_MAP);
    this.sampler = new TagInputSampler(this);
    this.emotes = new TagEmotes(this, this.conn);
    this.runners = this.add.graphics();
    this.status = this.add.text(16, 14, "", uiText(16)).setScrollFactor(0).setDepth(UI_DEPTH);
    this.board = this.add.text(0, 14, "", uiText(13)).setOrigin(1, 0).setScrollFactor(0).setDepth(UI_DEPTH);
    this.overlay = new DebugOverlay(this, new URLSearchParams(window.location.search).has("debug"));
    this.camTarget = this.add.zone(0, 0, 1, 1);
    this.cameras.main.startFollow(this.camTarget, false, 1, 1);
    this.layout();
    this.scale.on(Phaser.Scale.Events.RESIZE, this.layout, this);
    const onVisibility = (): void => {
      if (document.visibilityState === "visible" && this.conn.live) this.conn.session.resync();
    };
    document.addEventListener("visibilitychange", onVisibility);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      document.removeEventListener("visibilitychange", onVisibility);
      this.scale.off(Phaser.Scale.Events.RESIZE, this.layout, this);
    });
    this.hook.emote = (id) => this.emotes.textFor(id, this.time.now);
    bindSessionHook(this.hook, this.conn, (id) => this.drawn.get(id) ?? null, (p) => ({ kills: p.score, deaths: 0, health: 100 }));
  }

  override update(time: number, deltaMs: number): void {
    const { conn, hook } = this;
    const { session } = conn;
    if (conn.live) session.frame(deltaMs, () => this.sampler.sample());
    const me = session.sessionId;
    const g = this.runners.clear();
    const seen = new Set<string>();
    this.emotes.update(time);
    session.state.players.forEach((p, id) => {
      seen.add(id);
      const pos = id === me ? session.localRenderPosition() : this.remotePosition(id);
      if (!pos) return;
      this.drawn.set(id, pos);
      this.drawRunner(g, p, pos, id === me, time);
      const emote = this.emotes.textFor(id, time);
      this.labelFor(id).setText(emote ? `${emote}\n${p.name}` : p.name).setPosition(pos.x, pos.y - TAG_RADIUS_PX - 4);
      if (id === me) this.camTarget.setPosition(pos.x, pos.y);
    });
    for (const [id, label] of this.labels) if (!seen.has(id)) { label.destroy(); this.labels.delete(id); this.drawn.delete(id); }
    this.updateText(session.state.players.get(me), conn.status);
    this.overlay.update(() => session.stats(), session.link, time);
    hook.frames++;
    if (this.drawn.has(me)) hook.ready = true;
  }

  private remotePosition(id: string): { x: number; y: number } | null {
    const kind = this.conn.session.sampleRemote(id, this.sampled);
    return kind === "empty" ? null : { x: this.sampled[0]!, y: this.sampled[1]! };
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

  private labelFor(id: string): Phaser.GameObjects.Text {
    let label = this.labels.get(id);
    if (!label) {
      label = this.add.text(0, 0, "", uiText(12)).setOrigin(0.5, 1).setAlign("center");
      this.labels.set(id, label);
    }
    return label;
  }

  private updateText(me: TagPlayer | undefined, status: TagConnection["status"]): void {
    const { session } = this.conn;
    const it = [...session.state.players.values()].find((p) => p.it);
    const line = status === "reconnecting" ? `Reconnecting… (code ${this.conn.closeCode})`
      : status !== "connected" ? describeCloseCode(this.conn.closeCode)
      : me?.it ? "You are IT! Tag someone." : `${it?.name ?? "Nobody"} is it. Run!`;
    this.status.setText(`${line}\nscore ${me?.score ?? 0}   ping ${Math.round(session.stats().rttMs)} ms   dash: Space   emotes: 1-4`);
    this.status.setColor(me?.it ? cssColor(IT_COLOR) : "#e8ecf4");
    const rows = [...session.state.players.values()].sort((a, b) => b.score - a.score).map((p) => `${p.it ? "● " : ""}${p.name}  ${p.score}`);
    this.board.setText(["Score", ...rows].join("\n"));
  }

  private layout(): void {
    const b = cameraBounds(TAG_MAP, this.scale.width, this.scale.height);
    this.cameras.main.setBounds(b.x, b.y, b.width, b.height);
    this.board.setX(this.scale.width - 16);
    this.overlay.layout();
  }
}
