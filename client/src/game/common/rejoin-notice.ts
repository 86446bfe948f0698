/**
 * Page elements (not canvas) of the rejoin: a short notice once back in a room, and a "Try again"
 * button when the rejoin gave up. Plain DOM so screen readers announce them (role="status") and
 * they sit above whatever scene runs. Styled inline: one self-contained element each.
 */

const NOTICE_CLASS = "rejoin-notice";
const RETRY_CLASS = "rejoin-retry";
/** How long the "you are back" notice stays, in ms. */
const NOTICE_MS = 8000;

const BOX_STYLE = [
  "position:fixed", "left:50%", "top:12px", "transform:translateX(-50%)", "z-index:20", "padding:8px 14px",
  "border-radius:6px", "background:rgba(20,28,40,0.92)", "color:#e8f0ff", "font:15px system-ui,sans-serif",
  "box-shadow:0 2px 8px rgba(0,0,0,0.4)", "max-width:90vw", "text-align:center",
].join(";");

/** Show `text` at the top of the page for a few seconds (replacing an earlier notice). */
export function showRejoinNotice(text: string): void {
  for (const old of document.querySelectorAll(`.${NOTICE_CLASS}`)) old.remove();
  const box = document.createElement("div");
  box.className = NOTICE_CLASS;
  box.setAttribute("role", "status");
  box.style.cssText = BOX_STYLE;
  box.textContent = text;
  document.body.append(box);
  setTimeout(() => box.remove(), NOTICE_MS);
}

/** Show a "Try again" button below the centre of the page; `onRetry` runs once when pressed (the button goes away). */
export function showRetryButton(onRetry: () => void): void {
  hideRetryButton();
  const button = document.createElement("button");
  button.className = RETRY_CLASS;
  button.type = "button";
  button.textContent = "Try again";
  button.style.cssText = "position:fixed;left:50%;top:calc(50% + 80px);transform:translateX(-50%);z-index:20;padding:10px 22px;font:18px system-ui,sans-serif;cursor:pointer";
  button.addEventListener("click", () => {
    hideRetryButton();
    onRetry();
  }, { once: true });
  document.body.append(button);
  button.focus();
}

export function hideRetryButton(): void {
  for (const old of document.querySelectorAll(`.${RETRY_CLASS}`)) old.remove();
}
