import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  ARENA_MAP, ArenaPlayer, ArenaState, POSE_MAX_PX, assignPoseSlot, readSlot, releasePoseSlot, POSITION_STEPS_PER_PX, arenaX, arenaY, decodedPose, encodePose,
  encodePoseFine, poseAim, poseX, poseY, syncPose,
} from "@arena/shared";

/** A coordinate on the simulation's 1/16 px grid within what a pose carries. */
const gridCoord = fc.integer({ min: 0, max: Math.floor(POSE_MAX_PX * POSITION_STEPS_PER_PX) }).map((s) => s / POSITION_STEPS_PER_PX);

describe("arena pose wire format", () => {
  it("the arena fits in a pose", () => {
    expect(ARENA_MAP.widthPx).toBeLessThanOrEqual(POSE_MAX_PX);
    expect(ARENA_MAP.heightPx).toBeLessThanOrEqual(POSE_MAX_PX);
  });

  it("with the owner's fine byte, x and y come back bit for bit; the aim byte too", () => {
    fc.assert(
      fc.property(gridCoord, gridCoord, fc.integer({ min: 0, max: 255 }), (x, y, aim) => {
        const pose = encodePose(x, y, aim);
        const fine = encodePoseFine(x, y);
        expect(pose).toBeGreaterThanOrEqual(0);
        expect(pose).toBeLessThanOrEqual(0xffffffff);
        expect(fine).toBeGreaterThanOrEqual(0);
        expect(fine).toBeLessThanOrEqual(0xff);
        expect(Object.is(poseX(pose, fine), x)).toBe(true);
        expect(Object.is(poseY(pose, fine), y)).toBe(true);
        expect(poseAim(pose)).toBe(aim);
      }),
      { numRuns: 2000 },
    );
  });

  it("without it (a remote player), within 1/4 px, and exact on the 1/2 px grid", () => {
    fc.assert(
      fc.property(gridCoord, gridCoord, (x, y) => {
        const pose = encodePose(x, y, 0);
        expect(Math.abs(poseX(pose) - x)).toBeLessThanOrEqual(0.25);
        expect(Math.abs(poseY(pose) - y)).toBeLessThanOrEqual(0.25);
        const hx = Math.round(x * 2) / 2;
        const hy = Math.round(y * 2) / 2;
        const half = encodePose(hx, hy, 0);
        expect([poseX(half), poseY(half)]).toEqual([hx, hy]);
      }),
      { numRuns: 2000 },
    );
  });

  it("syncPose packs the server's simulated fields into the player's slot; decodedPose and arenaX/arenaY read them back", () => {
    const state = new ArenaState();
    const server = new ArenaPlayer();
    assignPoseSlot(state, server);
    state.players.set("a", server);
    const other = new ArenaPlayer();
    assignPoseSlot(state, other);
    state.players.set("b", other);
    expect([server.slot, other.slot]).toEqual([0, 1]);
    server.x = 700.0625;
    server.y = 419.9375;
    server.aim = 200;
    syncPose(state, server);
    syncPose(state, other);
    expect([arenaX(state, server), arenaY(state, server)]).toEqual([700.0625, 419.9375]);
    // A client's decoded copy has the synced fields only; the own player also gets `fine`.
    const decoded = { poses: { s0: readSlot(state.poses, 0), s1: readSlot(state.poses, 1) } } as unknown as ArenaState;
    const own = { slot: 0, fine: server.fine } as unknown as ArenaPlayer;
    const remote = { slot: 0 } as unknown as ArenaPlayer;
    expect(decodedPose(decoded, own, { x: 0, y: 0, aim: 0 })).toEqual({ x: 700.0625, y: 419.9375, aim: 200 });
    expect([arenaX(decoded, own), arenaY(decoded, own)]).toEqual([700.0625, 419.9375]);
    expect([arenaX(decoded, remote), arenaY(decoded, remote)]).toEqual([700, 420]);
    // A leaving player's slot is emptied and handed to the next one.
    releasePoseSlot(state, server);
    state.players.delete("a");
    expect(readSlot(state.poses, 0)).toBeUndefined();
    const next = new ArenaPlayer();
    assignPoseSlot(state, next);
    expect(next.slot).toBe(0);
  });
});
