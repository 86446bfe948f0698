import { describe, expect, it } from "vitest";
import { PATCH_HZ, TICK_HZ, markTeleport, packFine, packWord, writeSlot } from "@arena/shared";
import { ARENA_POSES, arenaGame, ArenaPlayer, ArenaState, MAX_HEALTH, type ArenaInput, type ArenaBody } from "@arena/shared/games/arena";
import { Interpolator, NetSession, Predictor } from "../src/net/index.js";
import { fakeRoom } from "./helpers/fake-room.js";

/** What the server's PoseBank writes before a patch, for one player at its slot. */
function syncPose(state: ArenaState, player: ArenaPlayer): void {
  writeSlot(state.poses, player.slot, packWord(ARENA_POSES, player as never));
  player.fine = packFine(ARENA_POSES, player as never);
}

/** A one-axis body and step: x moves by the input's dx. */
interface Body { x: number; y: number }
interface Input { seq: number; dx: number }
const step = (b: Body, i: Input): void => {
  b.x += i.dx;
};
const copy = (f: Readonly<Body>, t: Body): void => {
  t.x = f.x;
  t.y = f.y;
};

function predictorAt(x: number): Predictor<Body, Input> {
  return new Predictor<Body, Input>({ x, y: 0 }, () => ({ x: 0, y: 0 }), { step, copy });
}

describe("Predictor: server teleports", () => {
  it("a reconcile marked as a teleport cuts to the server state with pending inputs replayed, counts no correction and smooths nothing", () => {
    const p = predictorAt(100);
    for (let seq = 1; seq <= 5; seq++) p.applyLocal({ seq, dx: 4 });
    expect(p.current.x).toBe(120);
    // The server respawned the body at x = 1000 after applying inputs 1 and 2; 3..5 are still in flight.
    expect(p.reconcile({ x: 1000, y: 0 }, 2, true)).toBe(0);
    expect(p.current.x).toBe(1012);
    expect(p.previous.x).toBe(1008);
    expect(p.pendingCount).toBe(3);
    expect(p.corrections).toBe(0);
    expect(p.teleports).toBe(1);
    expect([p.errorX, p.errorY]).toEqual([0, 0]);
    // Drawn on the new side of the cut at every alpha, not anywhere between the old and new spots.
    expect(p.renderPosition(0).x).toBe(1008);
    expect(p.renderPosition(1).x).toBe(1012);
  });

  it("the same jump unmarked is a correction (snapped: farther than the snap distance)", () => {
    const p = predictorAt(100);
    for (let seq = 1; seq <= 5; seq++) p.applyLocal({ seq, dx: 4 });
    expect(p.reconcile({ x: 1000, y: 0 }, 2)).toBe(892);
    expect(p.corrections).toBe(1);
    expect(p.teleports).toBe(0);
  });

  it("a short teleport is not smoothed from the old position, and drops smoothing still in progress", () => {
    const p = predictorAt(100);
    for (let seq = 1; seq <= 3; seq++) p.applyLocal({ seq, dx: 4 });
    // A 2 px misprediction: smoothed, so a visual offset remains.
    p.reconcile({ x: 102, y: 0 }, 1);
    expect(p.corrections).toBe(1);
    expect(p.errorX).not.toBe(0);
    // A teleport 40 px away (under the 96 px snap distance) is still drawn at once where it landed.
    p.reconcile({ x: 150, y: 0 }, 2, true);
    expect(p.corrections).toBe(1);
    expect(p.teleports).toBe(1);
    expect(p.renderPosition(1)).toEqual({ x: 154, y: 0 });
    expect(p.renderPosition(0)).toEqual({ x: 150, y: 0 });
  });
});

/** A colyseus.js Room stand-in whose state the test changes and announces like a patch. */
function fakeArenaRoom() {
  const state = new ArenaState();
  Object.assign(state, { tickHz: TICK_HZ, patchHz: PATCH_HZ }); // as TickRoom announces them at create
  const player = new ArenaPlayer();
  state.players.set("me", player);
  const { room, patch } = fakeRoom(state);
  const place = (x: number, y: number): void => {
    player.x = x;
    player.y = y;
    syncPose(state, player);
  };
  return { room, state, player, place, patch };
}

const right = { moveX: 1, moveY: 0, aim: 0, fire: false };

describe("NetSession: the arena's respawn is a teleport, not a correction", () => {
  it("a patch whose teleport counter changed cuts to the spawn: corrections 0, teleports 1", () => {
    const { room, player, place, patch } = fakeArenaRoom();
    place(100, 100);
    player.health = MAX_HEALTH;
    const session = new NetSession<ArenaState, ArenaPlayer, ArenaBody, ArenaInput>(room, arenaGame, {});
    for (let i = 0; i < 6; i++) session.sendInput(right);
    expect(session.predictor!.current.x).toBe(124);
    // The server applied inputs 1..3, then respawned the player at (1500, 1100) in the same patch.
    player.ack = 3;
    place(1500, 1100);
    markTeleport(player);
    patch();
    const stats = session.stats();
    expect(stats.corrections).toBe(0);
    expect(stats.teleports).toBe(1);
    // Inputs 4..6 are replayed from the spawn; nothing is drawn between the old spot and the new.
    expect(session.predictor!.current).toMatchObject({ x: 1512, y: 1100 });
    expect(session.localRenderPosition()!.x).toBeGreaterThanOrEqual(1508);
    session.dispose();
  });

  it("a jump without a counter change is still counted as a correction", () => {
    const { room, player, place, patch } = fakeArenaRoom();
    place(100, 100);
    player.health = MAX_HEALTH;
    const session = new NetSession<ArenaState, ArenaPlayer, ArenaBody, ArenaInput>(room, arenaGame, {});
    for (let i = 0; i < 3; i++) session.sendInput(right);
    player.ack = 3;
    place(1500, 1100);
    patch();
    expect(session.stats()).toMatchObject({ corrections: 1, teleports: 0 });
    // The counter of a patch that did not change it (the next one) is no teleport either.
    patch();
    expect(session.stats()).toMatchObject({ corrections: 1, teleports: 0 });
    session.dispose();
  });

  it("a room type without teleportCount never takes a patch as a teleport", () => {
    const { room, player, place, patch } = fakeArenaRoom();
    place(100, 100);
    player.health = MAX_HEALTH;
    const { teleportCount: _, ...withoutTeleports } = arenaGame;
    const session = new NetSession<ArenaState, ArenaPlayer, ArenaBody, ArenaInput>(room, withoutTeleports, {});
    session.sendInput(right);
    player.ack = 1;
    place(1500, 1100);
    markTeleport(player);
    patch();
    expect(session.stats()).toMatchObject({ corrections: 1, teleports: 0 });
    session.dispose();
  });
});

describe("Interpolator: a snapshot marked as a cut (a remote player's teleport)", () => {
  const at = (interp: Interpolator, renderMs: number): number[] => {
    const out: number[] = [];
    interp.sample(renderMs, out);
    return out;
  };

  it("is never drawn between the old and the new position", () => {
    const interp = new Interpolator();
    interp.push(0, [100, 100]);
    interp.push(50, [100, 100]);
    interp.push(100, [1500, 1100], true);
    interp.push(150, [1504, 1100]);
    expect(at(interp, 75)).toEqual([100, 100]);
    expect(at(interp, 99.9)).toEqual([100, 100]);
    expect(at(interp, 100)).toEqual([1500, 1100]);
    expect(at(interp, 125)).toEqual([1502, 1100]);
  });

  it("is not extrapolated across the jump, and a late cut is not blended in from the old position", () => {
    const interp = new Interpolator({ smoothMs: 100 });
    interp.push(0, [90, 100]);
    interp.push(50, [100, 100]);
    // Drawn past the newest snapshot (extrapolating), then the teleport's snapshot lands late.
    expect(at(interp, 70)).toEqual([104, 100]);
    interp.push(100, [1500, 1100], true);
    expect(at(interp, 120)).toEqual([1500, 1100]);
    expect(at(interp, 130)).toEqual([1500, 1100]);
  });
});

describe("NetSession: a remote player's respawn is drawn as a cut", () => {
  it("a remote whose teleport counter changed gets a cut snapshot", () => {
    const { room, state, patch } = fakeArenaRoom();
    const other = new ArenaPlayer();
    other.slot = 1;
    state.players.set("other", other);
    const placeOther = (x: number, y: number): void => {
      other.x = x;
      other.y = y;
      syncPose(state, other);
    };
    placeOther(100, 100);
    const session = new NetSession<ArenaState, ArenaPlayer, ArenaBody, ArenaInput>(room, arenaGame, {});
    const tickMs = 1000 / TICK_HZ;
    state.tick = 3;
    patch();
    state.tick = 6;
    placeOther(1500, 1100);
    markTeleport(other);
    patch();
    const interp = session.remotes.get("other")!;
    const out: number[] = [];
    // Half way between the two patches: still at the old spot, not half way across the map.
    interp.sample(4.5 * tickMs, out);
    expect(out.slice(0, 2)).toEqual([100, 100]);
    interp.sample(6 * tickMs, out);
    expect(out.slice(0, 2)).toEqual([1500, 1100]);
    session.dispose();
  });
});
