import http from "node:http";
import { describe, expect, it } from "vitest";
import express from "express";
import { LocalPresence } from "@colyseus/core";
import { JoinErrorCode } from "@arena/shared";
import {
  DEFAULT_MATCHMAKING_QUOTAS, MatchmakingGate, SeatNames, addressKey, guestIdentityProvider, quotasFromEnv,
} from "../../src/framework/index.js";
import { waitFor } from "../helpers/test-server.js";
import { KeyedCounts, SlidingWindowCounts } from "../../src/framework/quotas.js";
import { clientAddressOf } from "../../src/http/client-address.js";

describe("quotasFromEnv", () => {
  it("keeps the defaults for unset variables and reads whole numbers (0 = no cap)", () => {
    expect(quotasFromEnv({})).toEqual(DEFAULT_MATCHMAKING_QUOTAS);
    expect(quotasFromEnv({ QUOTA_SESSIONS_PER_IP: "100", QUOTA_RESERVATIONS_PER_IDENTITY: "0" })).toEqual({
      ...DEFAULT_MATCHMAKING_QUOTAS, sessionsPerIp: 100, reservationsPerIdentity: 0,
    });
  });

  it("refuses anything else at startup", () => {
    for (const bad of ["-1", "1.5", "lots", "1e9"]) {
      expect(() => quotasFromEnv({ QUOTA_CREATES_PER_MIN_PER_IP: bad }), bad).toThrow(/QUOTA_CREATES_PER_MIN_PER_IP/);
    }
  });
});

describe("counters", () => {
  it("KeyedCounts forgets a key at zero", () => {
    const counts = new KeyedCounts();
    counts.add("a", 2);
    counts.add("a", -1);
    expect(counts.get("a")).toBe(1);
    counts.add("a", -1);
    expect(counts.total()).toBe(0);
    expect((counts as unknown as { counts: Map<string, number> }).counts.size).toBe(0);
  });

  it("SlidingWindowCounts counts the last window only", () => {
    let nowMs = 0;
    const window = new SlidingWindowCounts(60_000, () => nowMs);
    window.add("ip");
    nowMs = 30_000;
    window.add("ip");
    expect(window.count("ip")).toBe(2);
    nowMs = 60_001;
    expect(window.count("ip")).toBe(1);
    nowMs = 90_001;
    expect(window.count("ip")).toBe(0);
    expect(window.count("never")).toBe(0);
  });
});

describe("addressKey", () => {
  it("keeps IPv4, unwraps IPv4-mapped IPv6, and groups IPv6 by /64", () => {
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("2001:db8:0:1::5")).toBe("2001:db8:0:1::/64");
    expect(addressKey("2001:0db8:0000:0001:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:0:1::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("unknown")).toBe("unknown");
  });
});

describe("SeatNames", () => {
  it("numbers a taken name, within the name length, and frees it with the seat", () => {
    const names = new SeatNames();
    expect(names.claim("a", "Ann")).toBe("Ann");
    expect(names.claim("b", "Ann")).toBe("Ann 2");
    expect(names.claim("c", "Ann")).toBe("Ann 3");
    names.release("b");
    expect(names.claim("d", "Ann")).toBe("Ann 2");
    expect(names.claim("e", "Sixteen chars ok")).toBe("Sixteen chars ok");
    expect(names.claim("f", "Sixteen chars ok")).toBe("Sixteen chars 2");
    expect(names.claim("g", "Ann 2")).toBe("Ann 2 2");
  });
});

describe("clientAddressOf", () => {
  /** The address the gate would count a request from loopback with these headers under. */
  async function addressSeen(trustProxy: string | undefined, headers: Record<string, string>): Promise<string> {
    const app = express();
    if (trustProxy !== undefined) app.set("trust proxy", trustProxy);
    const resolve = clientAddressOf(app);
    const server = http.createServer((req, res) => res.end(resolve(req)));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    try {
      return await (await fetch(`http://127.0.0.1:${port}/`, { headers })).text();
    } finally {
      server.close();
    }
  }

  it("ignores forwarded headers unless TRUST_PROXY trusts the sender", async () => {
    const spoof = { "X-Forwarded-For": "198.51.100.1", "X-Real-IP": "198.51.100.2" };
    expect(await addressSeen(undefined, spoof)).toBe("127.0.0.1");
    expect(await addressSeen("loopback", spoof)).toBe("198.51.100.1");
    expect(await addressSeen("10.0.0.1", spoof)).toBe("127.0.0.1");
  });
});

describe("MatchmakingGate across processes", () => {
  it("a seat taken on another process releases the reservation where it was matchmade", async () => {
    const presence = new LocalPresence();
    const quotas = { ...DEFAULT_MATCHMAKING_QUOTAS, reservationsPerIdentity: 1 };
    const a = new MatchmakingGate({ quotas, presence: () => presence });
    const b = new MatchmakingGate({ quotas, presence: () => presence });
    const token = guestIdentityProvider().issue("traveller").token;
    const context = { token, headers: {}, ip: "203.0.113.1" };
    const auth = await a.admit(token, {}, context, false);
    expect(a.counts().reservations).toBe(1);
    await expect(a.admit(token, {}, context, false)).rejects.toMatchObject({ code: JoinErrorCode.TooManyReservations });
    // The room (and its socket) is on process b.
    b.seated("session-1", JSON.parse(JSON.stringify(auth)));
    await waitFor(() => a.counts().reservations === 0, 2000, "released on a");
    expect(b.counts()).toEqual({ reservations: 0, sessions: 1 });
    b.left("session-1");
    expect(b.counts()).toEqual({ reservations: 0, sessions: 0 });
    a.dispose();
    b.dispose();
  });
});
