import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { CloseCode, JoinErrorCode } from "@arena/shared";
import { ROOM_FULL_TEXT, describeCloseCode, describeJoinError, describeJoinFailure } from "../src/net/close-reasons.js";
import { LoginError } from "../src/net/guest-login.js";

const PROTOCOL_MD = fs.readFileSync(new URL("../../docs/protocol.md", import.meta.url), "utf8");

/** The codes in the first column of every table under `heading` (up to the next heading of any level). */
function documentedCodes(heading: string): number[] {
  const start = PROTOCOL_MD.indexOf(`${heading}\n`);
  if (start < 0) throw new Error(`docs/protocol.md has no "${heading}"`);
  const rest = PROTOCOL_MD.slice(start + heading.length + 1);
  const section = rest.slice(0, rest.search(/\n#{1,6} /) >>> 0);
  return [...section.matchAll(/^\| (\d{4}) \|/gm)].map((m) => Number(m[1]));
}

/** A sentence that explains and says what to do: words, ends with a full stop, more than one clause, no bare code. */
function expectSpecificSentence(text: string | null, code: number): void {
  expect(text, `code ${code}`).not.toBeNull();
  expect(text!, `code ${code}`).toMatch(/^[A-Z].{30,}\.$/);
  expect(text!, `code ${code}: never the raw code`).not.toContain(String(code));
  expect(text!, `code ${code}`).not.toMatch(/Is the server running/i);
}

const closeCodes = documentedCodes("## Close codes");
const joinCodes = documentedCodes("### Matchmaking");

describe("every code in docs/protocol.md has a sentence of its own", () => {
  it("finds the codes (the document's tables are where this test looks)", () => {
    expect(closeCodes).toEqual(expect.arrayContaining([1006, 1009, 4000, 4002, 4201, 4401, 4408, 4500]));
    expect(joinCodes).toEqual(expect.arrayContaining([4210, 4211, 4212, 4213, 4214, 4215, 4216, 4217, 4221, 4222, 4223, 4224]));
    // And the shared constants are all documented.
    for (const code of Object.values(CloseCode)) expect(closeCodes).toContain(code);
    for (const code of Object.values(JoinErrorCode)) expect(joinCodes).toContain(code);
  });

  it.each(closeCodes)("close code %i", (code) => {
    expectSpecificSentence(describeCloseCode(code), code);
  });

  it.each(joinCodes)("join refusal %i", (code) => {
    expectSpecificSentence(describeJoinError(code, "whatever the server said"), code);
    // The same code arriving as the join's rejection (colyseus.js ServerError / MatchMakeError shape).
    const failure = describeJoinFailure(Object.assign(new Error("whatever the server said"), { code }));
    expectSpecificSentence(failure.text, code);
    expect(failure.serverAnswered).toBe(true);
  });
});

describe("the words for the cases players meet", () => {
  it("a full room is full, not 'locked'; a gone room is gone", () => {
    expect(describeJoinError(4212, 'room "abc" is locked')).toBe(ROOM_FULL_TEXT);
    expect(ROOM_FULL_TEXT).toBe("This room is full — pick another or quick play.");
    expect(describeJoinError(4212, 'room "abc" not found')).toMatch(/no longer exists.*Quick play/);
    expect(describeJoinError(4212, 'room "abc" has been disposed.')).toMatch(/no longer exists/);
  });

  it("restart, flooding, idle and bad token say so and what to do", () => {
    expect(describeCloseCode(CloseCode.ServerShutdown)).toMatch(/restarting.*reload/i);
    expect(describeCloseCode(CloseCode.Abuse)).toMatch(/flooding/);
    expect(describeCloseCode(CloseCode.Idle)).toMatch(/inactivity/);
    expect(describeJoinError(JoinErrorCode.AuthFailed)).toMatch(/login.*Reload/);
  });

  it("only a join that got no answer suggests the server may be down", () => {
    const unreachable = describeJoinFailure(new TypeError("Failed to fetch"));
    expect(unreachable.serverAnswered).toBe(false);
    expect(unreachable.text).toMatch(/Could not reach the game server/);
    const limited = describeJoinFailure(new LoginError(429, "rate_limited", "guest login failed: HTTP 429"));
    expect(limited).toEqual({ serverAnswered: true, text: expect.stringMatching(/Too many logins.*Wait/) });
    expect(describeJoinFailure(Object.assign(new Error("boom"), { code: 500 })).text).toMatch(/HTTP 500.*Reload/);
    // An undocumented code still comes with words, never alone.
    expect(describeCloseCode(1012)).toMatch(/^The connection closed unexpectedly \(code 1012\)\. Reload/);
  });
});
