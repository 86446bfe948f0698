import { describe, expect, it } from "vitest";
import { PATCH_HZ, TICK_HZ, markTeleport } from "@arena/shared";
import { NetSession, type ClientRoomType } from "../src/net/index.js";
import { fakeRoom } from "./helpers/fake-room.js";

const TICK_MS = 1000 / TICK_HZ;
const TICKS_PER_PATCH = TICK_HZ / PATCH_HZ;
/** Every ball rolls right at this many px per tick (so its true x at a render tick is known). */
const BALL_PX_PER_TICK = 10;
const FRAME_MS = 1000 / 60;

interface Body { x: number; y: number }
interface Input { seq: number; viewTick?: number }
interface Player { ack: number; x: number; y: number }
interface Ball { x: number; y: number; teleports: number }
interface State {
  tick: number;
  tickHz: number;
  patchHz: number;
  players: Map<string, Player>;
  balls: Map<string, Ball>;
}

/** A minimal room type: players stand still; the state has a `balls` collection, declared as an entity. */
const ballRoomType: ClientRoomType<Player, Body, Input, State> = {
  makeBody: () => ({ x: 0, y: 0 }),
  readBody(player, into) {
    into.x = player.x;
    into.y = player.y;
  },
  copyBody(from, to) {
    to.x = from.x;
    to.y = from.y;
  },
  step: () => undefined,
  remoteValues: (player) => [player.x, player.y],
  entities: { balls: {} },
};

const newState = (): State => ({ tick: 0, tickHz: TICK_HZ, patchHz: PATCH_HZ, players: new Map([["me", { ack: 0, x: 0, y: 0 }]]), balls: new Map() });

/**
 * A session on a fake room and clock, driven like a page at 60 fps: a patch every 3 ticks,
 * arriving 30 ms after its server time. `world(tick, state)` sets the state for each patch.
 */
function harness(world: (tick: number, state: State) => void) {
  let nowMs = 1000;
  let state = newState();
  let fake = fakeRoom(state);
  const session = new NetSession<State, Player, Body, Input>(fake.room, ballRoomType, { now: () => nowMs });
  let nextTick = Math.ceil(nowMs / TICK_MS / TICKS_PER_PATCH) * TICKS_PER_PATCH;
  return {
    session,
    /** Run frames until `untilMs`, calling `onFrame` after each. */
    run(untilMs: number, onFrame: () => void = () => undefined): void {
      while (nowMs < untilMs) {
        while (nextTick * TICK_MS + 30 <= nowMs) {
          state.tick = nextTick;
          world(nextTick, state);
          fake.patch();
          nextTick += TICKS_PER_PATCH;
        }
        session.frame(FRAME_MS, () => ({}));
        onFrame();
        nowMs += FRAME_MS;
      }
    },
    /** A reconnect: a new room with a freshly decoded state (the same world), attached to the session. */
    reconnect(): void {
      state = newState();
      state.tick = nextTick - TICKS_PER_PATCH;
      world(state.tick, state);
      fake = fakeRoom(state);
      session.attach(fake.room);
    },
  };
}

/** A ball rolling right from x = 0 at tick 0; `id` its key. */
function rollingBall(tick: number, state: State, id = "ball"): Ball {
  let ball = state.balls.get(id);
  if (!ball) state.balls.set(id, (ball = { x: 0, y: 100, teleports: 0 }));
  ball.x = tick * BALL_PX_PER_TICK;
  return ball;
}

describe("NetSession: entities beyond players (a declared `balls` collection)", () => {
  it("interpolates each ball between patches on the session's render clock", () => {
    const h = harness((tick, state) => rollingBall(tick, state));
    const out: number[] = [];
    let frames = 0;
    let betweenPatches = 0;
    h.run(6000, () => {
      if (h.session.renderTimeMs < 2000) return;
      frames++;
      // Drawn where the ball was at the render time: between patches, not stepped to the newest.
      expect(h.session.sample("balls", "ball", out)).toBe("interpolated");
      expect(out[0]).toBeCloseTo((h.session.renderTimeMs / TICK_MS) * BALL_PX_PER_TICK, 6);
      expect(out[1]).toBe(100);
      expect(h.session.interpolated("balls").get("ball")).toEqual(out);
      if (out[0]! % (TICKS_PER_PATCH * BALL_PX_PER_TICK) !== 0) betweenPatches++;
    });
    expect(frames).toBeGreaterThan(200);
    // Not stepped from patch to patch: most frames draw the ball where no patch had it.
    expect(betweenPatches).toBeGreaterThan(frames / 2);
  });

  it("a ball reset marked with markTeleport is cut, never swept; the same jump unmarked is swept (the control)", () => {
    const RESET_TICK = 150;
    const h = harness((tick, state) => {
      for (const id of ["marked", "unmarked"]) {
        const ball = rollingBall(tick, state, id);
        // Rolls to x = 1500 by tick 150, then is put back on the centre spot (x = 0) and rolls on.
        if (tick >= RESET_TICK) ball.x = (tick - RESET_TICK) * BALL_PX_PER_TICK;
        if (id === "marked" && tick === RESET_TICK) markTeleport(ball);
      }
    });
    const out: number[] = [];
    const drawnInGap = { marked: 0, unmarked: 0 };
    let framesAcross = 0;
    h.run(4500, () => {
      const renderTick = h.session.renderTimeMs / TICK_MS;
      if (renderTick < RESET_TICK - TICKS_PER_PATCH || renderTick > RESET_TICK) return;
      framesAcross++;
      for (const id of ["marked", "unmarked"] as const) {
        h.session.sample("balls", id, out);
        // Before the reset tick the ball was at 1470..1500; from it on at 0..: anything else is the sweep.
        if (out[0]! > 30 && out[0]! < 1470) drawnInGap[id]++;
      }
    });
    expect(framesAcross).toBeGreaterThan(1);
    expect(drawnInGap.unmarked).toBeGreaterThan(0);
    expect(drawnInGap.marked).toBe(0);
  });

  it("after a reconnect, the feed continues from the new room's state; a ball that leaves is no longer drawn", () => {
    let withBall = true;
    const h = harness((tick, state) => {
      if (withBall) rollingBall(tick, state);
      else state.balls.delete("ball");
    });
    const out: number[] = [];
    h.run(3000);
    expect(h.session.sample("balls", "ball", out)).toBe("interpolated");
    h.reconnect();
    let framesAfter = 0;
    h.run(5000, () => {
      if (h.session.renderTimeMs < 3500) return;
      framesAfter++;
      expect(h.session.sample("balls", "ball", out)).toBe("interpolated");
      expect(out[0]).toBeCloseTo((h.session.renderTimeMs / TICK_MS) * BALL_PX_PER_TICK, 6);
    });
    expect(framesAfter).toBeGreaterThan(30);
    withBall = false;
    h.run(5200);
    expect(h.session.sample("balls", "ball", out)).toBe("empty");
    expect(h.session.interpolated("balls").size).toBe(0);
  });

  it("remote players keep their own feed: sample('players', id) is sampleRemote; an undeclared collection is an error", () => {
    const h = harness((tick, state) => {
      rollingBall(tick, state);
      state.players.set("other", { ack: 0, x: 7, y: 9 });
    });
    h.run(2000);
    const viaSample: number[] = [];
    const viaRemote: number[] = [];
    expect(h.session.sample("players", "other", viaSample)).toBe(h.session.sampleRemote("other", viaRemote));
    expect(viaSample).toEqual([7, 9]);
    expect(viaRemote).toEqual([7, 9]);
    // The own player is predicted, never interpolated.
    expect(h.session.sample("players", "me", viaSample)).toBe("empty");
    expect([...h.session.interpolated("players").keys()]).toEqual(["other"]);
    expect(() => h.session.sample("pickups", "p1", viaSample)).toThrow(/pickups/);
  });

  it("a declared collection the state does not have is named in an error at the first state, not drawn as nothing", () => {
    const state = newState() as Partial<State>;
    delete state.balls;
    const fake = fakeRoom(state as State);
    // The session reads the room's state at once (a joined room has one): that is the first patch.
    expect(() => new NetSession<State, Player, Body, Input>(fake.room, ballRoomType, {}))
      .toThrow(/entity collection "balls".*fields: tick, tickHz, patchHz, players/);
  });

  it("declaring `players` as an entity is an error (players are drawn by remoteValues)", () => {
    const { room } = fakeRoom(newState());
    const roomType = { ...ballRoomType, entities: { players: {} } };
    expect(() => new NetSession<State, Player, Body, Input>(room, roomType, {})).toThrow(/remoteValues/);
  });
});
