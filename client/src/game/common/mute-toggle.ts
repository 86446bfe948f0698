import type Phaser from "phaser";
import type { SoundBoard } from "./sound-board.js";

/**
 * The sound on/off button (top centre, under the lobby link; also the M key). A DOM button, so it
 * is reachable by keyboard and screen readers; removed when the scene shuts down.
 */
export function addMuteToggle(scene: Phaser.Scene, sounds: SoundBoard): HTMLButtonElement {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "mute-toggle";
  const show = (muted: boolean): void => {
    button.textContent = muted ? "Sound off" : "Sound on";
    button.setAttribute("aria-pressed", String(muted));
    button.title = muted ? "Unmute (M)" : "Mute (M)";
  };
  show(sounds.muted);
  const toggle = (): void => sounds.setMuted(!sounds.muted);
  button.addEventListener("click", toggle);
  // Keep a tap on the button from also reaching the game under it.
  button.addEventListener("pointerdown", (e) => e.stopPropagation());
  const unsubscribe = sounds.onMuteChange(show);
  const key = scene.input.keyboard?.addKey("M");
  key?.on("down", toggle);
  document.body.append(button);
  scene.events.once("shutdown", () => {
    unsubscribe();
    key?.off("down", toggle);
    button.remove();
  });
  return button;
}
