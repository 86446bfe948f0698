import { afterAll, beforeAll, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { TICK_HZ } from "@arena/shared";
import { SOCCER_BALL_ID, SOCCER_BALL_RADIUS_PX, SOCCER_GOAL_TOP_PX, SOCCER_HEIGHT_PX, SOCCER_KICK_COOLDOWN_TICKS, SOCCER_PLAYER_RADIUS_PX, SOCCER_TEAMS, SOCCER_WIDTH_PX, SoccerMessage, kickOffSpot, type SoccerBody, type SoccerGoalMessage, type SoccerInput, type SoccerKickMessage, type SoccerPlayer, type SoccerState } from "@arena/shared/games/soccer";
import type { SoccerRoom } from "../../src/rooms/soccer/soccer-room.js";
import { NetSession } from "../../../client/src/net/index.js";
import { soccerClientType } from "../../../client/src/game/soccer/soccer-room-type.js";
import { dribble, expectCleanDribble } from "../helpers/soccer-dribble.js";
import { collect, sleep, startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => {
  await ts?.close();
});

async function join(name: string, roomId?: string): Promise<Room<SoccerState>> {
  const client = ts.client(name);
  const room = roomId ? await client.joinById<SoccerState>(roomId) : await client.create<SoccerState>("soccer");
  await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own player");
  return room;
}

/** Where a ball touching the kicker's right side sits (in kick reach). */
const besideRight = (p: { x: number; y: number }) => ({ x: p.x + SOCCER_PLAYER_RADIUS_PX + SOCCER_BALL_RADIUS_PX + 4, y: p.y });

it("joiners go to the smaller team, in its colour, on its kick-off spots; the ball waits on the centre spot", async () => {
  const rooms = [await join("p1")];
  for (let i = 2; i <= 4; i++) rooms.push(await join(`p${i}`, rooms[0]!.roomId));
  const state = rooms[0]!.state;
  await waitFor(() => state.players.size === 4, 3000, "four players");
  const players = rooms.map((r) => state.players.get(r.sessionId)!);
  expect(players.map((p) => p.team)).toEqual([0, 1, 0, 1]);
  expect(players.map((p) => p.color)).toEqual([0, 1, 0, 1].map((t) => SOCCER_TEAMS[t]!.color));
  expect(players.map((p) => [p.x, p.y])).toEqual([kickOffSpot(0, 0), kickOffSpot(1, 0), kickOffSpot(0, 1), kickOffSpot(1, 1)].map((s) => [s.x, s.y]));
  const ball = state.balls.get(SOCCER_BALL_ID)!;
  expect([ball.x, ball.y]).toEqual([SOCCER_WIDTH_PX / 2, SOCCER_HEIGHT_PX / 2]);
  // One leaves: the next joiner fills the team that is short.
  await rooms[2]!.leave();
  const fifth = await join("p5", rooms[0]!.roomId);
  expect((await waitFor(() => state.players.get(fifth.sessionId), 3000, "the fifth seen")).team).toBe(0);
  for (const r of [rooms[0]!, rooms[1]!, rooms[3]!, fifth]) await r.leave();
});

it("a goal is announced, scored, and resets the ball and players to their spots as teleports", async () => {
  const red = await join("red");
  const blue = await join("blue", red.roomId);
  const room = ts.serverRoom<SoccerRoom>(red.roomId);
  const goals = collect<SoccerGoalMessage>(blue, SoccerMessage.Goal);
  const shownBall = red.state.balls.get(SOCCER_BALL_ID)!;
  const teleportsBefore = { ball: shownBall.teleports, red: red.state.players.get(red.sessionId)!.teleports };
  // Red walks off its spot; then the ball rolls into the left goal (Blue's attack).
  for (let seq = 1; seq <= 20; seq++) red.send("input", { seq, moveX: 0, moveY: 1, kick: false });
  await waitFor(() => room.state.players.get(red.sessionId)!.ack === 20, 3000, "red moved");
  Object.assign(room.ball, { x: 40, y: SOCCER_HEIGHT_PX / 2, vx: -500, vy: 0 });
  await waitFor(() => goals.length === 1, 3000, "goal message");
  expect(goals[0]).toMatchObject({ team: 1, text: "Blue scores" });
  await waitFor(() => red.state.blueScore === 1, 3000, "score in state");
  expect(red.state.redScore).toBe(0);
  expect([shownBall.x, shownBall.y]).toEqual([SOCCER_WIDTH_PX / 2, SOCCER_HEIGHT_PX / 2]);
  expect(shownBall.teleports).toBe((teleportsBefore.ball + 1) % 256);
  const me = red.state.players.get(red.sessionId)!;
  expect([me.x, me.y, me.vx, me.vy]).toEqual([kickOffSpot(0, 0).x, kickOffSpot(0, 0).y, 0, 0]);
  expect(me.teleports).toBe((teleportsBefore.red + 1) % 256);
  expect(room.ball).toMatchObject({ vx: 0, vy: 0 });
  await red.leave();
  await blue.leave();
});

it("a client draws the ball's reset after a goal as a cut, never sweeping it back across the pitch", async () => {
  const watcher = await join("watcher");
  watcher.onMessage(SoccerMessage.Goal, () => undefined);
  const room = ts.serverRoom<SoccerRoom>(watcher.roomId);
  const session = new NetSession<SoccerState, SoccerPlayer, SoccerBody, SoccerInput>(watcher, soccerClientType, {});
  const drawnX: number[] = [];
  const out = [0, 0];
  let last = performance.now();
  const frame = (): number | null => {
    const now = performance.now();
    session.frame(now - last, () => ({ moveX: 0, moveY: 0, kick: false }));
    last = now;
    return session.sample("balls", SOCCER_BALL_ID, out) === "empty" ? null : out[0]!;
  };
  try {
    // The ball rests just before the left goal line (drawn there), then rolls in.
    Object.assign(room.ball, { x: 40, y: SOCCER_HEIGHT_PX / 2, vx: 0, vy: 0 });
    await waitFor(() => frame() === 40, 3000, "the ball drawn at the goal line");
    room.ball.vx = -300;
    await waitFor(() => {
      const x = frame();
      if (x !== null) drawnX.push(x);
      return x === SOCCER_WIDTH_PX / 2;
    }, 3000, "the ball drawn back on the centre spot");
    expect(room.state.blueScore).toBe(1);
    // Every frame drew it either on its way into the goal or already on the centre spot.
    expect(drawnX.filter((x) => x > 40 && x !== SOCCER_WIDTH_PX / 2)).toEqual([]);
    expect(drawnX.some((x) => x < 40)).toBe(true);
  } finally {
    session.dispose();
    await watcher.leave();
  }
});

it("a kick sends the ball off; held down, it kicks at most once per cooldown", async () => {
  const kicker = await join("kicker");
  const room = ts.serverRoom<SoccerRoom>(kicker.roomId);
  const kicks = collect<SoccerKickMessage>(kicker, SoccerMessage.Kick);
  const me = room.state.players.get(kicker.sessionId)!;
  // Keep the ball pinned beside the kicker, so that every tick's kick would reach it.
  const spot = besideRight(me);
  Object.defineProperties(room.ball, { x: { get: () => spot.x, set: () => undefined }, y: { get: () => spot.y, set: () => undefined } });
  const start = performance.now();
  const inputs = 4 * SOCCER_KICK_COOLDOWN_TICKS;
  for (let seq = 1; seq <= inputs; seq++) {
    kicker.send("input", { seq, moveX: 0, moveY: 0, kick: true });
    await sleep(Math.max(0, start + (seq * 1000) / TICK_HZ - performance.now()));
  }
  await waitFor(() => me.ack === inputs, 3000, "all inputs applied");
  await sleep(100);
  expect(kicks.length, "kicks while the button was held").toBeGreaterThanOrEqual(3);
  expect(kicks.every((k) => k.by === kicker.sessionId)).toBe(true);
  for (let i = 1; i < kicks.length; i++) expect(kicks[i]!.tick - kicks[i - 1]!.tick).toBeGreaterThanOrEqual(SOCCER_KICK_COOLDOWN_TICKS);
  expect(room.ball.vx).toBeGreaterThan(0);
  await kicker.leave();
});

it("a kick is judged where the kicker saw the ball (lag compensated), not where it is now", async () => {
  const kicker = await join("lagged");
  const room = ts.serverRoom<SoccerRoom>(kicker.roomId);
  const kicks = collect<SoccerKickMessage>(kicker, SoccerMessage.Kick);
  const me = room.state.players.get(kicker.sessionId)!;
  const seen = besideRight(me);
  const seenTicks: number[] = [];
  kicker.onStateChange((s) => {
    const b = s.balls.get(SOCCER_BALL_ID);
    if (b && b.x === seen.x && b.y === seen.y) seenTicks.push(s.tick);
  });
  Object.assign(room.ball, { ...seen, vx: 0, vy: 0 });
  const viewTick = await waitFor(() => seenTicks[0], 3000, "the kicker seeing the ball beside it");
  // The ball leaves (the server moves it); 150 ms later the kicker's kick arrives.
  Object.assign(room.ball, { x: SOCCER_WIDTH_PX / 2, y: SOCCER_GOAL_TOP_PX - 60, vx: 0, vy: 0 });
  const movedAtTick = room.state.tick;
  await waitFor(() => room.state.tick >= viewTick + 9, 2000, "150 ms later");
  kicker.send("input", { seq: 1, moveX: 0, moveY: 0, kick: true });
  await waitFor(() => me.ack === 1, 2000, "kick without a view tick applied");
  expect(kicks, "judged against the present ball: out of reach").toEqual([]);
  kicker.send("input", { seq: 2, moveX: 0, moveY: 0, kick: true, viewTick });
  await waitFor(() => me.ack === 2, 2000, "kick with the view tick applied");
  await waitFor(() => kicks.length === 1, 2000, "kick message");
  // Applied after the ball had left: only the rewound ball was in reach.
  expect(kicks[0]!.tick).toBeGreaterThan(movedAtTick);
  // Sent straight away from the kicker, along the line to where it saw the ball (to the right).
  expect(room.ball.vx).toBeGreaterThan(0);
  expect(Math.abs(room.ball.vy)).toBeLessThan(1e-9);
  await kicker.leave();
});

it("dribbling behind 150 ms of latency (each way), pushing and kicking the ball into the goal: zero corrections, ends on the server", async () => {
  const run = await dribble(ts, 240, 150);
  expectCleanDribble(run);
  // One player and the ball change in every patch: tick, ack, x, y, vx, vy and the ball's x, y.
  expect(run.bytesPerPatch, `bytes per patch ${run.bytesPerPatch.toFixed(1)}`).toBeLessThan(120);
});
