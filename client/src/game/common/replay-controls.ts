import type { Client, Room } from "colyseus.js";
import { ClientMessage, REPLAY_SPEEDS, ServerMessage, type ReplayControlMessage, type ReplaySpeed, type ReplayStatusMessage } from "@arena/shared";
import { firstState, reserveReplaySeat, type ReplayClock, type Reconnector } from "../../net/index.js";

export interface ReplayControlsOptions {
  client: Client;
  httpBase: string;
  recordingId: string;
  /** The session's clock: scaled to the replay's speed (0 while paused or ended) on every status. */
  clock: ReplayClock;
  reconnector: Reconnector<unknown>;
}

/** What a test reads of a replay page (`window.__replay`; read only). */
export interface ReplayHook {
  status(): ReplayStatusMessage | null;
  /** Seeks completed (each one a new replay room). */
  seeks: number;
  seeking: boolean;
  roomId(): string;
  /** The last seek's time from asking to the new room being shown, in ms. */
  lastSeekMs: number;
}

declare global {
  interface Window {
    __replay?: ReplayHook;
  }
}

function clockText(ticks: number, tickHz: number): string {
  const sec = Math.max(0, Math.floor(ticks / (tickHz || 60)));
  return `${Math.floor(sec / 60)}:${String(sec % 60).padStart(2, "0")}`;
}

/**
 * The replay page's controls, a DOM bar under the game (Phaser-free): play/pause, the speeds
 * 0.25x-4x (`replay_control`), a time bar to seek (a seek opens a new replay room at that tick,
 * POST /replays?at=, and the connection moves to it: Reconnector.switchTo), and the checksum
 * verdict ("checksums match" or the first divergence) from `replay_status`.
 */
export function startReplayControls(options: ReplayControlsOptions): ReplayHook {
  const { client, reconnector, clock } = options;
  let status: ReplayStatusMessage | null = null;
  const latest = new WeakMap<object, ReplayStatusMessage>();
  let dragging = false;

  const bar = document.createElement("div");
  bar.className = "replay-controls";
  // The game's HUD stays above the bar (page-insets.ts).
  bar.dataset.hudInset = "bottom";
  const play = document.createElement("button");
  play.type = "button";
  play.dataset.testid = "replay-play";
  const speeds = REPLAY_SPEEDS.map((speed) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = `${speed}x`;
    b.dataset.speed = String(speed);
    b.addEventListener("click", () => control(speed, status?.paused ?? false));
    return b;
  });
  const slider = document.createElement("input");
  slider.type = "range";
  slider.min = "0";
  slider.max = "0";
  slider.step = "1";
  slider.setAttribute("aria-label", "Replay time");
  const time = document.createElement("span");
  time.className = "replay-time";
  const verdict = document.createElement("span");
  verdict.className = "replay-verdict";
  bar.append(play, ...speeds, slider, time, verdict);
  document.body.append(bar);

  const hook: ReplayHook = { status: () => status, seeks: 0, seeking: false, roomId: () => reconnector.current.roomId, lastSeekMs: 0 };
  window.__replay = hook;

  const control = (speed: ReplaySpeed, paused: boolean, room: Room<unknown> = reconnector.current): void => {
    const message: ReplayControlMessage = { speed, paused };
    room.send(ClientMessage.ReplayControl, message);
  };
  play.addEventListener("click", () => control(status?.speed ?? 1, !(status?.paused ?? false)));
  slider.addEventListener("pointerdown", () => (dragging = true));
  slider.addEventListener("change", () => {
    dragging = false;
    void seek(Number(slider.value));
  });

  const show = (s: ReplayStatusMessage): void => {
    status = s;
    clock.setScale(s.paused || s.ended ? 0 : s.speed);
    play.textContent = s.paused ? "▶ Play" : "❚❚ Pause";
    for (const b of speeds) b.classList.toggle("active", Number(b.dataset.speed) === s.speed);
    slider.min = String(s.startTick);
    slider.max = String(s.endTick);
    if (!dragging && !hook.seeking) slider.value = String(s.tick);
    time.textContent = `${clockText(s.tick - s.startTick, s.tickHz)} / ${clockText(s.endTick - s.startTick, s.tickHz)}${s.ended ? " (end)" : ""}`;
    const d = s.divergence;
    verdict.textContent = d ? `Diverged at tick ${d.tick} (last match ${d.lastMatchTick})` : `Checksums match (${s.checksums} compared)`;
    verdict.classList.toggle("bad", d !== null);
  };
  const bind = (room: Room<unknown>): void => {
    room.onMessage(ServerMessage.ReplayStatus, (s: ReplayStatusMessage) => {
      latest.set(room, s);
      if (room === reconnector.current) show(s);
    });
  };
  bind(reconnector.current);

  /** A new replay room at `tick`, at the speed and pause of this one; the connection moves there. */
  const seek = async (tick: number): Promise<void> => {
    if (hook.seeking) return;
    hook.seeking = true;
    const startMs = performance.now();
    try {
      const seat = await reserveReplaySeat(client, options.httpBase, options.recordingId, tick);
      const room = await client.consumeSeatReservation<unknown>(seat as never);
      bind(room);
      await firstState(room);
      if (status) control(status.speed, status.paused, room);
      reconnector.switchTo(room);
      const s = latest.get(room);
      if (s) show(s);
      hook.seeks++;
      hook.lastSeekMs = Math.round(performance.now() - startMs);
    } catch (err) {
      console.warn("[replay] seek failed", err);
      verdict.textContent = `Seek failed: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      hook.seeking = false;
    }
  };
  return hook;
}
