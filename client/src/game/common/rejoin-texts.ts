import type { JoinFailureKind } from "@arena/shared";
import type { RoomGone } from "../../net/index.js";

/**
 * What the player reads while the game gets them back into a room after losing theirs (see
 * ConnectScene's rejoin), in words: what happened, what is being done, and what they can do.
 */

/** Before the first attempt (the server's `retryAfterMs`, or none). */
export function rejoinWaitingText(gone: RoomGone, label: string): string {
  const what = gone.reason === "restart" ? "The server is restarting." : "Your place in the room was lost.";
  const when = gone.waitMs >= 1000 ? `Joining a new ${label} room in ${Math.ceil(gone.waitMs / 1000)} s…` : `Joining a new ${label} room…`;
  return `${what}\n${when}`;
}

/** After a failed attempt, while waiting `nextDelayMs` for the next one. */
export function rejoinRetryText(kind: JoinFailureKind, attempt: number, nextDelayMs: number, label: string): string {
  const why = kind === "unreachable" ? "The server is not answering yet (it may be restarting)."
    : kind === "busy" ? "The server is busy with players coming back."
    : kind === "auth" ? "Your login expired; logging in again."
    : `The server could not place you in a ${label} room.`;
  return `${why}\nTrying again in ${Math.max(1, Math.ceil(nextDelayMs / 1000))} s (attempt ${attempt + 1})…`;
}

/** Shown for a few seconds once back in a room. */
export function rejoinedText(gone: RoomGone): string {
  return gone.reason === "restart"
    ? "The server restarted — you are back in a new room."
    : "Your place in the old room was lost — you are in a new room.";
}

/** After REJOIN_GIVE_UP_MS without success. */
export function rejoinGaveUpText(giveUpMs: number): string {
  const minutes = Math.round(giveUpMs / 60_000);
  const span = minutes >= 1 ? `${minutes} minute${minutes === 1 ? "" : "s"}` : `${Math.round(giveUpMs / 1000)} s`;
  return `The server has not let you back in for ${span}.\nCheck your connection, then press Try again, or go back to the lobby.`;
}
