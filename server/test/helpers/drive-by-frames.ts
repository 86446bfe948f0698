import type { ErrorMessage } from "@arena/shared";
import { ArenaMessage, arenaGame, type ArenaInput, type ArenaPlayer, type ArenaState, type ArenaBody } from "@arena/shared/games/arena";
import { NetSession, type RoomRates } from "../../../client/src/net/index.js";
import type { ArenaRoom } from "../../src/rooms/arena/arena-room.js";
import { sleep, waitFor, type TestServer } from "./test-server.js";

/** Input `i` of a route that changes direction and runs into walls and the arena edge. */
export function arenaRoute(i: number): Omit<ArenaInput, "seq" | "viewTick"> {
  const phase = Math.floor(i / 25);
  const dirs = [[1, 0], [0, 1], [-1, 0.5], [0, -1], [1, 1], [-1, -1], [0.3, -0.7], [-1, 0]] as const;
  const [moveX, moveY] = dirs[phase % dirs.length]!;
  return { moveX, moveY, aim: (i / 10) % Math.PI, fire: false };
}

export interface FrameDrivenRun {
  /** The rates the session took from the room (the join snapshot). */
  rates: RoomRates;
  corrections: number;
  /** Inputs sent, and whether every one was acked (within 5 s of the last). */
  sent: number;
  allAcked: boolean;
  /** Own position as predicted and as the server has it, once every input is acked. */
  predicted: [number, number];
  server: [number, number];
  serverErrors: ErrorMessage[];
  interpDelayMs: number;
}

/**
 * A new arena room on `ts`, joined by a NetSession behind `latencyMs` each way, driven like a
 * browser: frames about every 1/60 s call `session.frame`, whose input clock sends one input per
 * room tick (at the rate the room announced, whatever it is) along arenaRoute, until `inputs`
 * are sent; then it waits (5 s at most) until all are acked.
 */
export async function driveByFrames(ts: TestServer, inputs: number, latencyMs: number): Promise<FrameDrivenRun> {
  const room = await ts.client("framer").create<ArenaState>("arena");
  room.onMessage(ArenaMessage.Shot, () => undefined);
  await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own player");
  const session = new NetSession<ArenaState, ArenaPlayer, ArenaBody, ArenaInput>(room, arenaGame, {
    link: { latencyMs, jitterMs: 0, bandwidthBytesPerSec: 0 },
  });
  try {
    await waitFor(() => session.predictor, 3000, "predictor");
    let last = performance.now();
    while (session.nextInputSeq <= inputs) {
      await sleep(1000 / 60);
      const now = performance.now();
      session.frame(now - last, () => arenaRoute(session.nextInputSeq));
      last = now;
    }
    session.flushInputs();
    const sent = session.nextInputSeq - 1;
    const me = room.state.players.get(room.sessionId)!;
    const allAcked = await waitFor(() => me.ack === sent && session.predictor!.pendingCount === 0, 5000).then(() => true, () => false);
    const serverPlayer = ts.serverRoom<ArenaRoom>(room.roomId).state.players.get(room.sessionId)!;
    return {
      rates: session.rates,
      corrections: session.stats().corrections,
      sent,
      allAcked,
      predicted: [session.predictor!.current.x, session.predictor!.current.y],
      server: [serverPlayer.x, serverPlayer.y],
      serverErrors: [...session.serverErrors],
      interpDelayMs: session.interpDelayMs,
    };
  } finally {
    session.dispose();
    await room.leave();
  }
}
