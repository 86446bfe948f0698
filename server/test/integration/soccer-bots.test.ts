import { afterAll, beforeAll, expect, it } from "vitest";
import { SOCCER_MAX_PLAYERS, SoccerMessage, type SoccerKickMessage, type SoccerState } from "@arena/shared/games/soccer";
import { soccerBotBrain } from "../../src/rooms/soccer/soccer-bot.js";
import { botBehaviour } from "../../src/tools/bots/behaviours.js";
import type { SoccerRoom } from "../../src/rooms/soccer/soccer-room.js";
import { collect, startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

// Bot fill in soccer (its own file: bots are off by default and the setting is per server).
let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ roomConfig: { botFill: SOCCER_MAX_PLAYERS, reconnectGraceSec: 0 } });
});
afterAll(async () => {
  await ts?.close();
});

it("bots fill the teams to 4 against 4, chase the ball and kick it (toward the other goal, mostly)", async () => {
  const room = await ts.client("human").create<SoccerState>("soccer");
  const kicks = collect<SoccerKickMessage>(room, SoccerMessage.Kick);
  room.onMessage(SoccerMessage.Goal, () => undefined);
  await waitFor(() => room.state.players?.size === SOCCER_MAX_PLAYERS, 3000, "the room filled with bots");
  const teams = [0, 0];
  room.state.players.forEach((p) => teams[p.team]!++);
  expect(teams).toEqual([4, 4]);
  const server = ts.serverRoom<SoccerRoom>(room.roomId);
  // Each kick sets the ball's velocity right before it is announced: note which way it went.
  const toward = { other: 0, own: 0 };
  const broadcast = server.broadcast.bind(server);
  server.broadcast = ((type: string, message: SoccerKickMessage, options?: object) => {
    const team = server.state.players.get(message.by)?.team;
    if (type === SoccerMessage.Kick && message.by.startsWith("bot-")) toward[(team === 0) === server.ball.vx > 0 ? "other" : "own"]++;
    return broadcast(type, message, options);
  }) as typeof server.broadcast;
  await waitFor(() => toward.other + toward.own >= 6, 20_000, "six bot kicks");
  // The server counted them as it broadcast them; the last may still be on its way to this client.
  await waitFor(() => kicks.length >= 6, 5000, "the kicks announced to the room reaching the client");
  expect(toward.other, `bot kicks toward the other goal vs their own: ${JSON.stringify(toward)}`).toBeGreaterThan(toward.own);
  await room.leave();
});

it("the headless bots (npm run bots) know soccer: the same brain", () => {
  expect(botBehaviour("soccer")).toBe(soccerBotBrain);
});
