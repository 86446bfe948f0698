/**
 * The page's own DOM bars over the bottom of the game (the replay controls): an element marked
 * `data-hud-inset="bottom"` keeps the HUD above it. Returns how far up from the canvas's bottom
 * edge such elements reach, in CSS px (= game px: the game canvas fills the page), 0 when none.
 * Read on each layout (scene resize), after the page has laid the bars out for that size.
 */
export function bottomInsetPx(canvas: HTMLCanvasElement | null = null): number {
  if (typeof document === "undefined") return 0;
  const bottom = canvas?.getBoundingClientRect().bottom ?? window.innerHeight;
  let inset = 0;
  for (const el of document.querySelectorAll<HTMLElement>("[data-hud-inset=bottom]")) {
    const rect = el.getBoundingClientRect();
    if (rect.height > 0) inset = Math.max(inset, Math.ceil(bottom - rect.top));
  }
  return inset;
}

/**
 * Call `onChange` whenever a bottom bar present now changes size (its text grows, it wraps on a
 * narrow screen), and once when it is first measured: the scene lays its HUD out again then.
 * Bars added later are not watched (the replay bar is made before the game scene starts).
 * Returns the function that stops watching.
 */
export function watchBottomInsets(onChange: () => void): () => void {
  if (typeof ResizeObserver === "undefined" || typeof document === "undefined") return () => undefined;
  const bars = document.querySelectorAll<HTMLElement>("[data-hud-inset=bottom]");
  if (bars.length === 0) return () => undefined;
  const observer = new ResizeObserver(() => onChange());
  for (const bar of bars) observer.observe(bar);
  return () => observer.disconnect();
}
