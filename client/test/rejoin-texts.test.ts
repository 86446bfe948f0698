import { expect, it } from "vitest";
import { rejoinGaveUpText, rejoinRetryText, rejoinWaitingText, rejoinedText } from "../src/game/common/rejoin-texts.js";

it("says what happened, what is being done and when, in words (no codes)", () => {
  expect(rejoinWaitingText({ reason: "restart", waitMs: 2000 }, "Arena")).toBe("The server is restarting.\nJoining a new Arena room in 2 s…");
  expect(rejoinWaitingText({ reason: "seat-gone", waitMs: 0 }, "Tag")).toBe("Your place in the room was lost.\nJoining a new Tag room…");
  expect(rejoinRetryText("unreachable", 1, 480, "Arena")).toBe("The server is not answering yet (it may be restarting).\nTrying again in 1 s (attempt 2)…");
  expect(rejoinRetryText("busy", 3, 2100, "Arena")).toMatch(/^The server is busy with players coming back\.\nTrying again in 3 s \(attempt 4\)…$/);
  expect(rejoinedText({ reason: "restart", waitMs: 0 })).toBe("The server restarted — you are back in a new room.");
  expect(rejoinedText({ reason: "seat-gone", waitMs: 0 })).toBe("Your place in the old room was lost — you are in a new room.");
  expect(rejoinGaveUpText(120_000)).toBe("The server has not let you back in for 2 minutes.\nCheck your connection, then press Try again, or go back to the lobby.");
});
