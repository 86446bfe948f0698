import type Phaser from "phaser";
import type { KillMessage } from "@arena/shared/games/arena";
import { objectBox, type HudLayout } from "../common/hud-layout.js";
import { playerLabel } from "../common/player-label.js";
import { UI_DEPTH, uiText } from "../common/ui-style.js";
import type { ScreenRect } from "../common/virtual-stick.js";

/** How long a kill stays in the feed. */
const LINE_MS = 6000;

/** The kill feed (top left, under the stats): "alice shot Bot 2 [bot]", newest last, each for a few seconds. */
export class KillFeed {
  private readonly text: Phaser.GameObjects.Text;
  private lines: { text: string; untilMs: number }[] = [];
  private maxLines = 4;

  constructor(scene: Phaser.Scene) {
    this.text = scene.add.text(0, 0, "", uiText(13, "#ffd7a8")).setScrollFactor(0).setDepth(UI_DEPTH);
  }

  layout(layout: HudLayout): void {
    this.maxLines = layout.feedLines;
    this.text.setPosition(layout.left.x + 2, layout.feedTop).setFontSize(layout.compact ? 12 : 13).setWordWrapWidth(layout.left.width);
  }

  /** A kill the server reported; `youId` is the local player's id (its lines say "you"). */
  add(kill: KillMessage, youId: string, nowMs: number): void {
    const by = kill.by === youId ? "You" : playerLabel(kill.by, kill.byName);
    const victim = kill.victim === youId ? "you" : playerLabel(kill.victim, kill.victimName);
    this.lines.push({ text: `${by} shot ${victim}`, untilMs: nowMs + LINE_MS });
    if (this.lines.length > this.maxLines) this.lines.shift();
    this.render();
  }

  update(nowMs: number): void {
    const before = this.lines.length;
    this.lines = this.lines.filter((l) => l.untilMs > nowMs);
    if (this.lines.length !== before) this.render();
  }

  /** Lines shown now, oldest first. */
  shown(): string[] {
    return this.lines.map((l) => l.text);
  }

  bounds(): ScreenRect | null {
    return this.lines.length ? objectBox(this.text) : null;
  }

  private render(): void {
    this.text.setText(this.lines.map((l) => l.text).join("\n"));
  }
}
