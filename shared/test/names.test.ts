import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MAX_NAME_LENGTH, graphemeCount, sanitizeName } from "@arena/shared";

const FAMILY = "👨‍👩‍👧‍👦"; // four people joined by U+200D: one picture
const FRANCE = "🇫🇷"; // two regional indicators
const ENGLAND = "🏴󠁧󠁢󠁥󠁮󠁧󠁿"; // black flag + tag characters
const E_ACUTE = "e\u0301"; // e + combining acute accent

describe("sanitizeName: names are cut by visible characters (grapheme clusters)", () => {
  it("keeps a family emoji whole: the zero-width joiners stay, it counts as one character", () => {
    expect(sanitizeName(`Mum ${FAMILY}`)).toBe(`Mum ${FAMILY}`);
    expect(sanitizeName(FAMILY.repeat(20))).toBe(FAMILY.repeat(MAX_NAME_LENGTH));
  });

  it("keeps flags whole, regional-indicator pairs and tag sequences alike", () => {
    expect(sanitizeName(FRANCE.repeat(20))).toBe(FRANCE.repeat(MAX_NAME_LENGTH));
    expect(sanitizeName(`${ENGLAND} fan`)).toBe(`${ENGLAND} fan`);
    expect(graphemeCount(sanitizeName(ENGLAND.repeat(20)))).toBe(MAX_NAME_LENGTH);
    // A cut never leaves half a flag behind.
    expect(sanitizeName(`abcdefghijklmno${FRANCE}${FRANCE}`)).toBe(`abcdefghijklmno${FRANCE}`);
  });

  it("counts a letter with its combining marks as one, and caps the marks on one letter", () => {
    expect(sanitizeName(E_ACUTE.repeat(20))).toBe(E_ACUTE.repeat(MAX_NAME_LENGTH));
    expect(sanitizeName("Zoe\u0308")).toBe("Zoe\u0308");
    // "Zalgo" text: 30 marks on one letter would spill over the names around it.
    expect(sanitizeName(`a${"\u0301".repeat(30)}b`)).toBe(`a${"\u0301".repeat(4)}b`);
  });

  it("still removes what is unsafe: bidi overrides, controls, stray joiners and tags outside emoji", () => {
    expect(sanitizeName("evil\u202Egnp.exe")).toBe("evilgnp.exe");
    expect(sanitizeName("a\u0000b\u0007c")).toBe("abc");
    expect(sanitizeName("a\u200Db")).toBe("ab");
    expect(sanitizeName("x\u{E0041}y")).toBe("xy");
    expect(sanitizeName("  Ann   Lee  ")).toBe("Ann Lee");
    expect(sanitizeName("\u200D\u202E")).toBe("");
  });

  it("never gives more than MAX_NAME_LENGTH visible characters, and is idempotent", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (raw) => {
      const name = sanitizeName(raw);
      expect(graphemeCount(name)).toBeLessThanOrEqual(MAX_NAME_LENGTH);
      expect(sanitizeName(name)).toBe(name);
    }), { numRuns: 300 });
  });
});
