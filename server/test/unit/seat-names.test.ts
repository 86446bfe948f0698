import { describe, expect, it } from "vitest";
import { MAX_NAME_LENGTH, graphemeCount } from "@arena/shared";
import { SeatNames } from "../../src/framework/seat-names.js";
import { GuestIdentityProvider } from "../../src/framework/auth/identity.js";

const FAMILY = "👨‍👩‍👧‍👦";

describe("SeatNames: the number that makes a name unique never splits an emoji", () => {
  it("shortens a full-length emoji name by whole pictures to fit ' 2'", () => {
    const names = new SeatNames();
    const full = FAMILY.repeat(MAX_NAME_LENGTH);
    expect(names.claim("a", full)).toBe(full);
    const second = names.claim("b", full);
    expect(second).toBe(`${FAMILY.repeat(MAX_NAME_LENGTH - 2)} 2`);
    expect(graphemeCount(second)).toBe(MAX_NAME_LENGTH);
  });
});

describe("guest login names: the server cuts names by visible characters", () => {
  it("signs a family-emoji name whole, and reads it back whole from the token", () => {
    const provider = new GuestIdentityProvider("x".repeat(32), 60);
    const { token, identity } = provider.issue(`Mum ${FAMILY}`);
    expect(identity.name).toBe(`Mum ${FAMILY}`);
    expect(provider.verify(token).name).toBe(`Mum ${FAMILY}`);
  });
});
