import { describe, expect, it } from "vitest";
import { CloseCode, JoinErrorCode } from "@arena/shared";
import { describeCloseCode, describeJoinError } from "../src/net/close-reasons.js";

describe("describeCloseCode", () => {
  it("explains the server's own closes in words, and names any other code", () => {
    expect(describeCloseCode(CloseCode.Idle)).toMatch(/inactivity/);
    expect(describeCloseCode(CloseCode.Abuse)).toMatch(/faster than the game runs/);
    expect(describeCloseCode(CloseCode.ServerShutdown)).toMatch(/restarted/);
    expect(describeCloseCode(1006)).toBe("Disconnected (code 1006).");
  });
});

describe("describeJoinError", () => {
  it("says what to do about each refusal of the matchmaking gate, and leaves other codes to the server's message", () => {
    for (const code of Object.values(JoinErrorCode)) expect(describeJoinError(code)).toMatch(/\.$/);
    expect(describeJoinError(JoinErrorCode.TooManySessions)).toMatch(/Leave a game/);
    expect(describeJoinError(4212)).toBeNull();
  });
});
