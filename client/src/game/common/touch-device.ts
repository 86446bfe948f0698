/**
 * Whether this browser has a touch screen, so the game shows on-screen controls: a coarse
 * primary pointer (phones, tablets) or any touch points (a touch laptop gets them too; they do
 * not get in the way of the mouse and keys). `?touch=0` / `?touch=1` overrides it.
 */
export function isTouchDevice(search = window.location.search): boolean {
  const forced = new URLSearchParams(search).get("touch");
  if (forced === "0" || forced === "1") return forced === "1";
  return window.matchMedia?.("(pointer: coarse)").matches === true || navigator.maxTouchPoints > 0;
}
