import type Phaser from "phaser";
import type { ArenaSession } from "./connect-arena.js";
import { HealthTimeline } from "./health-timeline.js";
import { PlayerView } from "./player-view.js";
import { playerLabel } from "../common/player-label.js";

/** Where and how the local player is drawn this frame. */
export interface LocalPose {
  x: number;
  y: number;
  aimRad: number;
}

/**
 * All players on screen, kept in step with the server state: the local player at its predicted
 * pose, remote players at their interpolated pose (and health) on the session's render clock.
 */
export class PlayerSprites {
  private readonly views = new Map<string, PlayerView>();
  private readonly health = new Map<string, HealthTimeline>();
  private readonly drawn = new Map<string, { x: number; y: number }>();
  private readonly sampled: number[] = [0, 0, 0];

  constructor(private readonly scene: Phaser.Scene, private readonly session: ArenaSession) {}

  /** Draw every player for this frame. `local` is null until the local player exists. */
  update(local: LocalPose | null, nowMs: number): void {
    const state = this.session.state;
    const me = this.session.sessionId;
    const renderTick = this.session.renderTick;
    state.players.forEach((player, id) => {
      const view = this.viewFor(id, id === me);
      view.setIdentity(playerLabel(id, player.name), player.color);
      if (id === me) {
        if (!local) return view.hide();
        view.update({ x: local.x, y: local.y, aimRad: local.aimRad, health: player.health, shielded: player.shielded }, nowMs);
        this.remember(id, local.x, local.y);
        return;
      }
      let timeline = this.health.get(id);
      if (!timeline) this.health.set(id, (timeline = new HealthTimeline()));
      timeline.observe(state.tick, player.health);
      if (this.session.sampleRemote(id, this.sampled) === "empty") {
        this.drawn.delete(id);
        return view.hide();
      }
      const [x = 0, y = 0, aimRad = 0] = this.sampled;
      view.update({ x, y, aimRad, health: timeline.at(renderTick), shielded: player.shielded }, nowMs);
      this.remember(id, x, y);
    });
    for (const [id, view] of this.views) {
      if (state.players.get(id)) continue;
      view.destroy();
      this.views.delete(id);
      this.health.delete(id);
      this.drawn.delete(id);
    }
  }

  /** Where player `id` was last drawn, or null. */
  position(id: string): { x: number; y: number } | null {
    const p = this.drawn.get(id);
    return p ? { x: p.x, y: p.y } : null;
  }

  /** Positions of the remote players drawn alive this frame (what a local shot is aimed at). */
  *livingRemotes(): Iterable<{ id: string; x: number; y: number }> {
    const renderTick = this.session.renderTick;
    for (const [id, p] of this.drawn) {
      if (id === this.session.sessionId) continue;
      if ((this.health.get(id)?.at(renderTick) ?? 0) > 0) yield { id, x: p.x, y: p.y };
    }
  }

  /** The name tag drawn over player `id`, or null when it has no view. */
  nameTag(id: string): string | null {
    return this.views.get(id)?.nameTag ?? null;
  }

  /** Flash player `id` (it was hit). */
  flash(id: string, nowMs: number): void {
    this.views.get(id)?.flash(nowMs);
  }

  /** The local player's display object (for the camera to follow), once it exists. */
  localObject(): Phaser.GameObjects.Container | null {
    return this.views.get(this.session.sessionId)?.container ?? null;
  }

  private viewFor(id: string, isLocal: boolean): PlayerView {
    let view = this.views.get(id);
    if (!view) this.views.set(id, (view = new PlayerView(this.scene, isLocal)));
    return view;
  }

  private remember(id: string, x: number, y: number): void {
    const p = this.drawn.get(id);
    if (p) {
      p.x = x;
      p.y = y;
    } else this.drawn.set(id, { x, y });
  }
}
