import type { Client } from "@colyseus/core";
import { markTeleport } from "@arena/shared";
import { SOCCER_BALL_ID, SOCCER_HEIGHT_PX, SOCCER_KICK_COOLDOWN_TICKS, SOCCER_MAX_PLAYERS, SOCCER_TEAMS, SOCCER_WIDTH_PX, SoccerBall, SoccerMessage, SoccerPlayer, SoccerState, kickBall, kickOffSpot, soccerGame, stepBall, type SoccerBody, type SoccerGoalMessage, type SoccerInput, type SoccerKickMessage } from "@arena/shared/games/soccer";
import { TickRoom, type Identity, type TickContext } from "../../framework/index.js";
import { soccerBotBrain } from "./soccer-bot.js";

/** Soccer's server-only state in a keyframe. */
export interface SoccerWorld {
  ball: SoccerBody;
  kickReadyTick: [string, number][];
}

/**
 * Soccer: two teams push a server-simulated ball; a kick (judged where the kicker saw the ball) sends it
 * off, once per cooldown. A goal scores, is announced, and resets ball and players (as teleports).
 */
export class SoccerRoom extends TickRoom<SoccerState, SoccerInput> {
  protected readonly inputSchema = soccerGame.inputSchema;
  protected override readonly botBrain = soccerBotBrain;
  protected override readonly historyCollections = ["balls"]; // the ball's past, to judge kicks where the kicker saw it
  override maxClients = SOCCER_MAX_PLAYERS;
  /** The simulated ball (its velocity is server-only; `state.balls` shows its position). */
  readonly ball: SoccerBody = { x: SOCCER_WIDTH_PX / 2, y: SOCCER_HEIGHT_PX / 2, vx: 0, vy: 0 };
  /** Tick from which each player (by session id) may kick again; gone with the player. */
  private readonly kickReadyTick = new Map<string, number>();

  protected createState(): SoccerState {
    const state = new SoccerState();
    state.balls.set(SOCCER_BALL_ID, Object.assign(new SoccerBall(), { x: this.ball.x, y: this.ball.y }));
    return state;
  }

  /** Joins the smaller team (Red on a tie), on that team's next free kick-off spot. */
  protected addPlayer(client: Client, identity: Identity): void {
    const sizes = [0, 0];
    for (const p of this.state.players.values()) sizes[p.team]!++;
    const team = sizes[0]! <= sizes[1]! ? 0 : 1;
    const p = Object.assign(new SoccerPlayer(), { name: identity.name, team, color: SOCCER_TEAMS[team].color }, kickOffSpot(team, sizes[team]!));
    this.state.players.set(client.sessionId, p);
  }

  protected override removePlayer(sessionId: string): void {
    super.removePlayer(sessionId);
    this.kickReadyTick.delete(sessionId);
  }

  /** For a recording's keyframe: the ball's exact position and velocity, and the kick cooldowns. */
  protected override snapshotWorld(): SoccerWorld {
    return { ball: { ...this.ball }, kickReadyTick: [...this.kickReadyTick] };
  }

  protected override restoreWorld(world: SoccerWorld): void {
    Object.assign(this.ball, world.ball);
    this.kickReadyTick.clear();
    for (const [sessionId, tick] of world.kickReadyTick) this.kickReadyTick.set(sessionId, tick);
  }

  protected applyInput(sessionId: string, input: SoccerInput, ctx: TickContext): void {
    const p = this.state.players.get(sessionId);
    if (!p) return;
    soccerGame.step(p, input, ctx.dtSec);
    if (!input.kick || ctx.tick < (this.kickReadyTick.get(sessionId) ?? 0)) return;
    // Where this player saw the ball when it pressed kick (the current ball in a room too new for history).
    const seen = this.lagCompensate(input).positions?.find((e) => e.kind === "balls") ?? this.ball;
    if (!kickBall(this.ball, p.x, p.y, seen.x, seen.y)) return;
    this.kickReadyTick.set(sessionId, ctx.tick + SOCCER_KICK_COOLDOWN_TICKS);
    this.broadcast(SoccerMessage.Kick, { by: sessionId, tick: ctx.tick } satisfies SoccerKickMessage);
  }

  protected stepWorld(ctx: TickContext): void {
    const goal = stepBall(this.ball, [...this.state.players.values()], ctx.dtSec);
    if (goal !== 0) this.scoreGoal(goal === 1 ? 0 : 1, ctx.tick);
    Object.assign(this.state.balls.get(SOCCER_BALL_ID)!, { x: this.ball.x, y: this.ball.y });
  }

  private scoreGoal(team: 0 | 1, tick: number): void {
    if (team === 0) this.state.redScore++; else this.state.blueScore++;
    this.broadcast(SoccerMessage.Goal, { team, text: `${SOCCER_TEAMS[team].name} scores`, tick } satisfies SoccerGoalMessage);
    Object.assign(this.ball, { x: SOCCER_WIDTH_PX / 2, y: SOCCER_HEIGHT_PX / 2, vx: 0, vy: 0 });
    markTeleport(this.state.balls.get(SOCCER_BALL_ID)!);
    const places = [0, 0];
    for (const p of this.state.players.values()) {
      Object.assign(p, kickOffSpot(p.team, places[p.team]!++), { vx: 0, vy: 0 });
      markTeleport(p);
    }
  }
}
