import type { ShotMessage } from "@arena/shared/games/arena";

/** What the F3 overlay says about the player's own shots. */
export interface ShotVerdictStats {
  /** Own shots the server resolved. */
  resolved: number;
  /** Of those, how many hit someone. */
  hits: number;
  /** Shots drawn as hits at once (predicted) that the server resolved as misses. */
  refusedHits: number;
  /** The newest verdict's rewind (ms) and whether its view tick was clamped; null before the first. */
  last: { rewindMs: number; clamped: boolean; hit: boolean } | null;
}

/** Most predicted shots remembered while waiting for their verdict (older ones are forgotten). */
const MAX_WAITING = 64;

/**
 * Pairs each own shot predicted on this screen (by the seq of the input that fired it) with the
 * server's verdict, so the overlay can show how far back each shot was rewound, whether the
 * server clamped it, and how many hits the player saw that the server refused.
 */
export class ShotVerdicts {
  private readonly predicted = new Map<number, boolean>();
  readonly stats: ShotVerdictStats = { resolved: 0, hits: 0, refusedHits: 0, last: null };

  /** An own shot was drawn at once: `hit` is what the screen showed. */
  predict(seq: number, hit: boolean): void {
    this.predicted.set(seq, hit);
    if (this.predicted.size > MAX_WAITING) this.predicted.delete(this.predicted.keys().next().value!);
  }

  /** The server resolved one of our shots. */
  resolve(shot: ShotMessage): void {
    const hit = shot.hit !== "";
    const s = this.stats;
    s.resolved++;
    if (hit) s.hits++;
    if (this.predicted.get(shot.seq) === true && !hit) s.refusedHits++;
    this.predicted.delete(shot.seq);
    s.last = { rewindMs: shot.rewindMs, clamped: shot.clamped, hit };
  }

  /** Overlay lines. */
  lines(): string[] {
    const s = this.stats;
    const last = s.last
      ? `${`${s.last.rewindMs} ms`.padStart(14)}   ${s.last.clamped ? "CLAMPED" : "in window"}, ${s.last.hit ? "hit" : "miss"}`
      : `${"-".padStart(14)}`;
    return [
      `shot rewound    ${last}`,
      `own shots       ${`${s.hits}/${s.resolved} hit`.padStart(14)}   ${s.refusedHits} drawn hits refused`,
    ];
  }
}
