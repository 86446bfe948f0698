import Phaser from "phaser";
import type { LinkConditions, NetStatsSnapshot } from "../../net/index.js";
import { objectBox, type HudLayout } from "./hud-layout.js";
import { MONO_FONT, UI_DEPTH } from "./ui-style.js";
import type { ScreenRect } from "./virtual-stick.js";

const REFRESH_MS = 100;

function rate(bytesPerSec: number): string {
  return bytesPerSec >= 1024 ? `${(bytesPerSec / 1024).toFixed(1)} kB/s` : `${Math.round(bytesPerSec)} B/s`;
}

/** The overlay's text for one stats snapshot and the simulated link. Pure (for tests). */
export function formatNetStats(s: NetStatsSnapshot, link: LinkConditions): string {
  const simulated = link.latencyMs || link.jitterMs || link.bandwidthBytesPerSec;
  return [
    "NET (F3)                measured       simulated",
    `rtt             ${`${s.rttMs.toFixed(1)} ms`.padStart(14)}   ${simulated ? `+${(2 * link.latencyMs).toFixed(0)} ms` : "-"}`,
    `jitter          ${`${s.jitterMs.toFixed(1)} ms`.padStart(14)}   ${simulated ? `0-${link.jitterMs.toFixed(0)} ms/way` : "-"}`,
    `bytes down      ${rate(s.bytesDownPerSec).padStart(14)}   ${link.bandwidthBytesPerSec ? `cap ${rate(link.bandwidthBytesPerSec)}` : "-"}`,
    `patches/s       ${String(s.patchesPerSec).padStart(14)}`,
    `pending inputs  ${String(s.pendingInputs).padStart(14)}`,
    `corrections     ${String(s.corrections).padStart(14)}   last ${s.lastCorrectionPx.toFixed(2)} px`,
    `teleports       ${String(s.teleports).padStart(14)}`,
    `interp delay    ${`${s.interpDelayMs.toFixed(0)} ms`.padStart(14)}`,
    `server tick     ${String(s.serverTick).padStart(14)}`,
    `render tick     ${s.renderTick.toFixed(1).padStart(14)}   ${(s.serverTick - s.renderTick).toFixed(1)} behind`,
    `input age p50/99${`${s.inputAgeMsP50.toFixed(0)}/${s.inputAgeMsP99.toFixed(0)} ms`.padStart(14)}   at the server`,
    `server queue    ${s.inputQueueDepthMean.toFixed(1).padStart(14)}   max ${s.inputQueueDepthMax}`,
  ].join("\n");
}

/** Network stats panel (bottom left), toggled with F3. */
export class DebugOverlay {
  private readonly text: Phaser.GameObjects.Text;
  private nextRefreshMs = 0;

  constructor(private readonly scene: Phaser.Scene, visible = false) {
    this.text = scene.add.text(12, 0, "", {
      fontFamily: MONO_FONT, fontSize: "12px", color: "#c8f7c5", backgroundColor: "rgba(0,0,0,0.65)",
      padding: { x: 8, y: 6 },
    }).setOrigin(0, 1).setScrollFactor(0).setDepth(UI_DEPTH + 2).setVisible(visible);
    scene.input.keyboard?.addKey(Phaser.Input.Keyboard.KeyCodes.F3).on("down", () => this.toggle());
    this.layout();
  }

  get visible(): boolean {
    return this.text.visible;
  }

  toggle(): void {
    this.text.setVisible(!this.text.visible);
    this.nextRefreshMs = 0;
  }

  /** Bottom left; with a HudLayout, in its margin and type size (smaller on a phone). */
  layout(layout?: HudLayout): void {
    if (layout) this.text.setFontSize(layout.overlayFontPx).setPosition(layout.overlayX, layout.overlayBottom);
    else this.text.setPosition(12, this.scene.scale.height - 12);
  }

  /** Its screen box while shown, else null. */
  bounds(): ScreenRect | null {
    return this.text.visible ? objectBox(this.text) : null;
  }

  /** Refresh the text (at most every REFRESH_MS while shown); `extra` adds a room type's own lines. */
  update(stats: () => NetStatsSnapshot, link: LinkConditions, nowMs: number, extra?: () => string[]): void {
    if (!this.text.visible || nowMs < this.nextRefreshMs) return;
    this.nextRefreshMs = nowMs + REFRESH_MS;
    const text = formatNetStats(stats(), link);
    this.text.setText(extra ? [text, ...extra()].join("\n") : text);
  }
}
