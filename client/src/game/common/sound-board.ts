import type Phaser from "phaser";

/** The game's sound effects. */
export type SoundKey = "shot" | "hit" | "hurt" | "death" | "respawn" | "tag";

/** One synthesised blip: a tone sweeping from `fromHz` to `toHz` over `durationMs`, fading out. */
interface Tone {
  wave: OscillatorType;
  fromHz: number;
  toHz: number;
  durationMs: number;
  /** Peak gain, 0..1. */
  gain: number;
  /** Start this long after the sound is played. */
  delayMs?: number;
}

/**
 * Each sound as a few short tones, synthesised with WebAudio when played: no audio files to load
 * (the whole set is this table), and each is under half a second so they never pile up.
 */
const SOUNDS: Record<SoundKey, readonly Tone[]> = {
  shot: [{ wave: "square", fromHz: 880, toHz: 220, durationMs: 70, gain: 0.08 }],
  hit: [{ wave: "triangle", fromHz: 1320, toHz: 1760, durationMs: 60, gain: 0.12 }],
  hurt: [{ wave: "sawtooth", fromHz: 220, toHz: 110, durationMs: 140, gain: 0.12 }],
  death: [
    { wave: "sawtooth", fromHz: 330, toHz: 80, durationMs: 420, gain: 0.14 },
    { wave: "square", fromHz: 160, toHz: 60, durationMs: 300, gain: 0.06, delayMs: 80 },
  ],
  respawn: [
    { wave: "triangle", fromHz: 440, toHz: 440, durationMs: 90, gain: 0.1 },
    { wave: "triangle", fromHz: 660, toHz: 660, durationMs: 90, gain: 0.1, delayMs: 90 },
    { wave: "triangle", fromHz: 880, toHz: 880, durationMs: 140, gain: 0.1, delayMs: 180 },
  ],
  tag: [
    { wave: "square", fromHz: 600, toHz: 900, durationMs: 90, gain: 0.09 },
    { wave: "square", fromHz: 900, toHz: 600, durationMs: 110, gain: 0.09, delayMs: 100 },
  ],
};

/** localStorage key of the mute setting ("1" muted, "0" or missing: sound on). */
export const MUTE_STORAGE_KEY = "arena.muted";

/** Where the mute setting is kept (window.localStorage; null when storage is unavailable). */
export interface MuteStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function browserStore(): MuteStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * Plays the game's short sounds through the scene's WebAudio context (Phaser's, so the browser's
 * autoplay unlock Phaser does on the first touch or key applies to it), and keeps the mute
 * setting between visits. `played` counts the sounds played per key (not those muted): the test
 * hook exposes it, so tests check which sounds a game played without listening to audio.
 */
export class SoundBoard {
  readonly played: Partial<Record<SoundKey, number>> = {};
  private mutedNow: boolean;
  private readonly listeners = new Set<(muted: boolean) => void>();

  constructor(private readonly context: AudioContext | null, private readonly store: MuteStore | null = browserStore()) {
    let stored: string | null = null;
    try {
      stored = store?.getItem(MUTE_STORAGE_KEY) ?? null;
    } catch {
      // Storage refused: not muted.
    }
    this.mutedNow = stored === "1";
  }

  /** The board for a scene: its sound manager's WebAudio context, or silence (counts still kept) without one. */
  static forScene(scene: Phaser.Scene): SoundBoard {
    const context = (scene.sound as Partial<Phaser.Sound.WebAudioSoundManager>).context ?? null;
    return new SoundBoard(context);
  }

  get muted(): boolean {
    return this.mutedNow;
  }

  /** Mute or unmute, remembered in localStorage. */
  setMuted(muted: boolean): void {
    this.mutedNow = muted;
    try {
      this.store?.setItem(MUTE_STORAGE_KEY, muted ? "1" : "0");
    } catch {
      // Storage refused: muted for this visit only.
    }
    for (const listener of this.listeners) listener(muted);
  }

  /** Call `listener` whenever the mute setting changes; returns the unsubscribe. */
  onMuteChange(listener: (muted: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Play a sound now, unless muted. Never throws (an audio failure must not stop the game). */
  play(key: SoundKey): void {
    if (this.mutedNow) return;
    this.played[key] = (this.played[key] ?? 0) + 1;
    const ctx = this.context;
    if (!ctx || ctx.state === "closed") return;
    try {
      const start = ctx.currentTime;
      for (const tone of SOUNDS[key]) this.tone(ctx, tone, start + (tone.delayMs ?? 0) / 1000);
    } catch (err) {
      console.warn("[sound] could not play", key, err);
    }
  }

  private tone(ctx: AudioContext, tone: Tone, at: number): void {
    const seconds = tone.durationMs / 1000;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = tone.wave;
    osc.frequency.setValueAtTime(tone.fromHz, at);
    osc.frequency.exponentialRampToValueAtTime(tone.toHz, at + seconds);
    gain.gain.setValueAtTime(tone.gain, at);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + seconds);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + seconds + 0.02);
  }
}
