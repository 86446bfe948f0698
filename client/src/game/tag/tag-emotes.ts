import type Phaser from "phaser";
import { TAG_EMOTES, TAG_EMOTES_PER_SEC, TagMessage, type TagEmoteMessage, type TagEmoteRequest } from "@arena/shared/games/tag";
import type { TagConnection } from "./connect-tag.js";

/** How long an emote stays above its runner, in ms. */
const SHOWN_MS = 1500;
const EMOTE_KEYS = ["1", "2", "3", "4"];

/**
 * Keys 1-4 show an emote above the own runner, for everyone: a game message (the server validates
 * the emote and limits it to TAG_EMOTES_PER_SEC, then broadcasts who showed which).
 */
export class TagEmotes {
  private readonly shown = new Map<string, { text: string; untilMs: number }>();
  private lastSentMs = Number.NEGATIVE_INFINITY;

  constructor(scene: Phaser.Scene, private readonly conn: TagConnection) {
    scene.input.keyboard?.on("keydown", (event: KeyboardEvent) => {
      const emote = EMOTE_KEYS.indexOf(event.key);
      if (emote >= 0) this.send(emote, scene.time.now);
    });
  }

  /** Take the emotes the server broadcast since the last frame (call once per frame). */
  update(nowMs: number): void {
    for (const m of this.conn.feed.take<TagEmoteMessage>(TagMessage.Emote)) {
      this.shown.set(m.by, { text: TAG_EMOTES[m.emote] ?? "", untilMs: nowMs + SHOWN_MS });
    }
  }

  /** The emote to show above runner `id` now, or "". */
  textFor(id: string, nowMs: number): string {
    const shown = this.shown.get(id);
    if (!shown) return "";
    if (nowMs < shown.untilMs) return shown.text;
    this.shown.delete(id);
    return "";
  }

  private send(emote: number, nowMs: number): void {
    // Mashing a key stays under the server's limit instead of collecting rate_limited errors.
    if (nowMs - this.lastSentMs < 1000 / TAG_EMOTES_PER_SEC) return;
    const request: TagEmoteRequest = { emote };
    if (this.conn.live && this.conn.session.sendGameMessage(TagMessage.Emote, request)) this.lastSentMs = nowMs;
  }
}
