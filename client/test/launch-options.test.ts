import { describe, expect, it } from "vitest";
import { readJoinTarget, readLaunchOptions, roomLink, watchLink } from "../src/game/common/launch-options.js";

function memoryStore(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe("readJoinTarget", () => {
  it("reads quick play, create and room links, preferring a room link", () => {
    expect(readJoinTarget(new URLSearchParams("?play=arena"))).toEqual({ kind: "quick", roomName: "arena" });
    expect(readJoinTarget(new URLSearchParams("?create=tag"))).toEqual({ kind: "create", roomName: "tag" });
    expect(readJoinTarget(new URLSearchParams("?room=Ab_9-z&type=tag&play=arena"))).toEqual({ kind: "id", roomName: "tag", roomId: "Ab_9-z" });
  });

  it("is null for the lobby and ignores malformed values", () => {
    expect(readJoinTarget(new URLSearchParams(""))).toBeNull();
    expect(readJoinTarget(new URLSearchParams("?play=../etc"))).toBeNull();
    expect(readJoinTarget(new URLSearchParams("?room=x y&type=tag"))).toBeNull();
    expect(readJoinTarget(new URLSearchParams("?room=abc"))).toBeNull();
  });

  it("roomLink round-trips through readJoinTarget", () => {
    const link = new URL(roomLink("http://example.test", "tag", "r00m-1"));
    expect(readJoinTarget(link.searchParams)).toEqual({ kind: "id", roomName: "tag", roomId: "r00m-1" });
  });

  it("reads ?room=<id>&watch as a watch target (the type comes later, with the seat) and watchLink round-trips", () => {
    expect(readJoinTarget(new URLSearchParams("?room=r00m-1&watch"))).toEqual({ kind: "watch", roomName: "", roomId: "r00m-1" });
    expect(readJoinTarget(new URLSearchParams("?room=r00m-1&type=tag&watch"))).toEqual({ kind: "watch", roomName: "", roomId: "r00m-1" });
    expect(readJoinTarget(new URLSearchParams("?room=x y&watch"))).toBeNull();
    expect(readJoinTarget(new URL(watchLink("http://example.test", "r00m-1")).searchParams)).toEqual({ kind: "watch", roomName: "", roomId: "r00m-1" });
  });
});

describe("readLaunchOptions", () => {
  it("turns ?lag (RTT) into a one-way latency and ignores junk numbers", () => {
    const o = readLaunchOptions("?lag=200&jitter=30&bw=abc", null);
    expect(o.link).toEqual({ latencyMs: 100, jitterMs: 30, bandwidthBytesPerSec: 0 });
    expect(readLaunchOptions("?lag=-5&jitter=Infinity", null).link).toEqual({ latencyMs: 0, jitterMs: 0, bandwidthBytesPerSec: 0 });
  });

  it("remembers a name from the URL and falls back to the remembered one", () => {
    const store = memoryStore();
    expect(readLaunchOptions("?name=%20Ada%20", store).name).toBe("Ada");
    expect(readLaunchOptions("", store).name).toBe("Ada");
    expect(readLaunchOptions("", memoryStore()).name).toBe("Guest");
  });
});
