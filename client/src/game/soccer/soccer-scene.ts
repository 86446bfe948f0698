import type Phaser from "phaser";
import { SOCCER_BALL_ID, SOCCER_GOAL_BOTTOM_PX, SOCCER_GOAL_TOP_PX, SOCCER_TEAMS, SoccerMessage, type SoccerBody, type SoccerGoalMessage, type SoccerInput, type SoccerKickMessage, type SoccerPlayer, type SoccerState, SOCCER_BALL_RADIUS_PX as BALL_R, SOCCER_HEIGHT_PX as H, SOCCER_PLAYER_RADIUS_PX as R, SOCCER_WIDTH_PX as W } from "@arena/shared/games/soccer";
import type { Box } from "../common/camera-bounds.js";
import { GameSceneBase } from "../common/game-scene-base.js";
import { UI_DEPTH, cssColor, uiText } from "../common/ui-style.js";

const GOAL_DEPTH_PX = 28;
const BANNER_MS = 2000;
const KICK_FLASH_MS = 200;
type Keys = Phaser.Types.Input.Keyboard.CursorKeys & Record<"W" | "A" | "S" | "D", Phaser.Input.Keyboard.Key>;

/** Soccer: pitch, players, the ball (the session's "balls" entity, `__game.entities("balls")`), score, goal banner. */
export class SoccerScene extends GameSceneBase<SoccerState, SoccerPlayer, SoccerBody, SoccerInput> {
  private keys: Keys | null = null;
  private g!: Phaser.GameObjects.Graphics;
  private status!: Phaser.GameObjects.Text;
  private banner!: Phaser.GameObjects.Text;
  private readonly kickedAt = new Map<string, number>();
  private bannerUntil = 0;

  constructor() { super("soccer", { widthPx: W, heightPx: H, walls: [] }); }

  protected createGame(): void {
    const pitch = this.add.graphics().setDepth(-10).fillStyle(0x2f7d3a, 1).fillRect(0, 0, W, H);
    // Each goal in the colour of the team that attacks it.
    for (const [team, x] of [[1, -GOAL_DEPTH_PX], [0, W]] as const) pitch.fillStyle(SOCCER_TEAMS[team].color, 0.6).fillRect(x, SOCCER_GOAL_TOP_PX, GOAL_DEPTH_PX, SOCCER_GOAL_BOTTOM_PX - SOCCER_GOAL_TOP_PX);
    pitch.lineStyle(3, 0xffffff, 0.8).strokeRect(0, 0, W, H).lineBetween(W / 2, 0, W / 2, H).strokeCircle(W / 2, H / 2, 80);
    const kb = this.input.keyboard;
    this.keys = kb ? { ...kb.createCursorKeys(), ...(kb.addKeys("W,A,S,D") as Omit<Keys, keyof Phaser.Types.Input.Keyboard.CursorKeys>) } : null;
    this.g = this.add.graphics();
    this.status = this.add.text(16, 14, "", uiText(16)).setScrollFactor(0).setDepth(UI_DEPTH);
    this.banner = this.add.text(0, 80, "", uiText(40)).setOrigin(0.5, 0).setScrollFactor(0).setDepth(UI_DEPTH);
  }

  protected drawFrame(time: number): void {
    const { session, feed } = this.conn;
    for (const kick of feed.take<SoccerKickMessage>(SoccerMessage.Kick)) this.kickedAt.set(kick.by, time);
    for (const goal of feed.take<SoccerGoalMessage>(SoccerMessage.Goal)) {
      this.banner.setText(goal.text).setColor(cssColor(SOCCER_TEAMS[goal.team]?.color ?? 0xffffff));
      this.bannerUntil = time + BANNER_MS;
    }
    this.banner.setVisible(time < this.bannerUntil);
    const g = this.g.clear();
    this.forEachPlayer((p, id, pos, me) => {
      const kicking = time - (this.kickedAt.get(id) ?? -Infinity) < KICK_FLASH_MS;
      g.fillStyle(p.color, 1).fillCircle(pos.x, pos.y, R).lineStyle(kicking ? 5 : me ? 3 : 1, 0xffffff, kicking || me ? 1 : 0.5).strokeCircle(pos.x, pos.y, R);
      this.labels.show(id, p.name, pos.x, pos.y - R - 2);
    });
    const ball = this.placeEntity("balls", SOCCER_BALL_ID);
    if (ball) g.fillStyle(0xffffff, 1).fillCircle(ball.x, ball.y, BALL_R).lineStyle(2, 0x111111, 1).strokeCircle(ball.x, ball.y, BALL_R);
    const line = this.connectionLine() ?? (session.watching ? "Watching" : `You play for ${SOCCER_TEAMS[session.state.players.get(session.sessionId)?.team ?? 0]?.name}`);
    this.status.setText(`Red ${session.state.redScore} : ${session.state.blueScore} Blue\n${line}   ping ${Math.round(session.stats().rttMs)} ms${session.watching ? "" : "   kick: Space"}`);
  }

  protected sampleInput(): Omit<SoccerInput, "seq" | "viewTick"> {
    const k = this.keys;
    const down = (a?: Phaser.Input.Keyboard.Key, b?: Phaser.Input.Keyboard.Key): number => Number(!!a?.isDown || !!b?.isDown);
    return { moveX: down(k?.D, k?.right) - down(k?.A, k?.left), moveY: down(k?.S, k?.down) - down(k?.W, k?.up), kick: down(k?.space) === 1 };
  }

  /** The pitch plus both goals behind its ends. */
  protected override cameraBox(viewWidth: number, viewHeight: number): Box {
    const b = super.cameraBox(viewWidth, viewHeight);
    return { ...b, x: b.x - GOAL_DEPTH_PX, width: b.width + 2 * GOAL_DEPTH_PX };
  }

  protected override layoutHud(): void {
    this.banner.setX(this.scale.width / 2);
  }
}
