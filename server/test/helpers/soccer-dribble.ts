import { expect } from "vitest";
import { type ErrorMessage } from "@arena/shared";
import { SoccerMessage, type SoccerBody, type SoccerInput, type SoccerPlayer, type SoccerState } from "@arena/shared/games/soccer";
import { NetSession, type RoomRates } from "../../../client/src/net/index.js";
import { soccerClientType } from "../../../client/src/game/soccer/soccer-room-type.js";
import type { SoccerRoom } from "../../src/rooms/soccer/soccer-room.js";
import { sleep, waitFor, type TestServer } from "./test-server.js";

/**
 * Input `seq` of `inputs` at `tickHz`: from the left kick-off spot, run at the ball and push it
 * along the centre line into the right goal, kicking every third of a second; after the goal's
 * reset, do it again, weaving.
 */
export function dribbleRoute(seq: number, tickHz: number): Omit<SoccerInput, "seq" | "viewTick"> {
  const sec = seq / tickHz;
  return { moveX: 1, moveY: sec < 3 ? 0 : Math.floor(sec * 2) % 2 === 0 ? 0.3 : -0.3, kick: Math.floor(sec * 3) % 2 === 0 };
}

export interface DribbleRun {
  rates: RoomRates;
  corrections: number;
  /** Goals' resets the session took as teleports (not corrections). */
  teleports: number;
  sent: number;
  allAcked: boolean;
  predicted: [number, number, number, number];
  server: [number, number, number, number];
  /** Frames in which the server's ball had sped up since the frame before (pushed or kicked). */
  ballTouches: number;
  kicks: number;
  goals: number;
  serverErrors: ErrorMessage[];
  /** Bytes received per patch, from the session's own counters once in the run (patch plus the small messages beside it). */
  bytesPerPatch: number;
}

/**
 * A new soccer room on `ts`, joined by a NetSession behind `latencyMs` each way and driven like
 * a browser (as driveByFrames does for the arena): frames about every 1/60 s call
 * `session.frame`, whose input clock sends one input per room tick along dribbleRoute, until
 * `inputs` are sent; then it waits (8 s at most) until all are acked.
 */
export async function dribble(ts: TestServer, inputs: number, latencyMs: number): Promise<DribbleRun> {
  const room = await ts.client("dribbler").create<SoccerState>("soccer");
  let kicks = 0;
  let goals = 0;
  room.onMessage(SoccerMessage.Kick, () => kicks++);
  room.onMessage(SoccerMessage.Goal, () => goals++);
  await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own player");
  const session = new NetSession<SoccerState, SoccerPlayer, SoccerBody, SoccerInput>(room, soccerClientType, {
    link: { latencyMs, jitterMs: 0, bandwidthBytesPerSec: 0 },
  });
  const server = ts.serverRoom<SoccerRoom>(room.roomId);
  try {
    await waitFor(() => session.predictor, 3000, "predictor");
    let ballTouches = 0;
    const ballSpeed = (): number => Math.hypot(server.ball.vx, server.ball.vy);
    let lastBallSpeed = ballSpeed();
    let bytesPerPatch = 0;
    let last = performance.now();
    while (session.nextInputSeq <= inputs) {
      await sleep(1000 / 60);
      const now = performance.now();
      session.frame(now - last, () => dribbleRoute(session.nextInputSeq, session.rates.tickHz));
      last = now;
      if (ballSpeed() > lastBallSpeed) ballTouches++;
      lastBallSpeed = ballSpeed();
      const stats = session.stats();
      if (!bytesPerPatch && session.nextInputSeq > inputs * 0.8 && stats.patchesPerSec > 0) bytesPerPatch = stats.bytesDownPerSec / stats.patchesPerSec;
    }
    session.flushInputs();
    const sent = session.nextInputSeq - 1;
    const me = room.state.players.get(room.sessionId)!;
    const allAcked = await waitFor(() => me.ack === sent && session.predictor!.pendingCount === 0, 8000).then(() => true, () => false);
    const p = session.predictor!.current;
    const onServer = server.state.players.get(room.sessionId)!;
    const stats = session.stats();
    return {
      rates: session.rates, corrections: stats.corrections, teleports: stats.teleports, sent, allAcked,
      predicted: [p.x, p.y, p.vx, p.vy], server: [onServer.x, onServer.y, onServer.vx, onServer.vy],
      ballTouches, kicks, goals, serverErrors: [...session.serverErrors], bytesPerPatch,
    };
  } finally {
    // Let what the simulated link still holds arrive before leaving (decoded after the leave, it
    // would meet a torn-down decoder): messages that come after dispose() are still delayed.
    session.link = { latencyMs: 0, jitterMs: 0, bandwidthBytesPerSec: 0 };
    await sleep(latencyMs + 100);
    session.dispose();
    await room.leave();
  }
}

/**
 * What a dribble must show at any rate: every input acked, the prediction equal to the server,
 * the ball pushed and kicked, goals scored with each reset taken as a teleport, zero corrections.
 */
export function expectCleanDribble(run: DribbleRun): void {
  expect(run.allAcked, `all ${run.sent} inputs acked`).toBe(true);
  expect(run.predicted).toEqual(run.server);
  expect(run.ballTouches, "the ball was pushed").toBeGreaterThan(0);
  expect(run.kicks, "kicks landed").toBeGreaterThan(0);
  // It scored: the reset put the dribbler back on its spot, taken as a teleport, not a correction.
  expect(run.goals).toBeGreaterThan(0);
  expect(run.teleports).toBe(run.goals);
  expect(run.corrections).toBe(0);
  expect(run.serverErrors).toEqual([]);
}
