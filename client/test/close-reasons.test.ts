import { describe, expect, it } from "vitest";
import { CloseCode } from "@arena/shared";
import { describeCloseCode } from "../src/net/close-reasons.js";

describe("describeCloseCode", () => {
  it("explains the server's own closes in words, and names any other code", () => {
    expect(describeCloseCode(CloseCode.Idle)).toMatch(/inactivity/);
    expect(describeCloseCode(CloseCode.Abuse)).toMatch(/faster than the game runs/);
    expect(describeCloseCode(CloseCode.ServerShutdown)).toMatch(/restarted/);
    expect(describeCloseCode(1006)).toBe("Disconnected (code 1006).");
  });
});
