import { Client, type Room } from "colyseus.js";
import {
  ArenaMessage, arenaGame, type ArenaInput, type ArenaPlayer, type ArenaState, type ShotMessage, type ArenaBody,
} from "@arena/shared/games/arena";
import { NetSession, firstState, type LinkConditions } from "../../../client/src/net/index.js";

const FRAME_MS = 1000 / 60;

/**
 * A player without a browser: the real client netcode (NetSession: prediction, clock sync,
 * interpolation, the link simulator) in Node, rendering frames at 60 per second on a timer.
 * While firing it aims every frame at where it drew the target on the previous frame, as a
 * player tracking the target perfectly on their own screen would, and holds the trigger.
 */
export class HeadlessShooter {
  readonly shots: ShotMessage[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private targetId: string | null = null;
  private aimRad = 0;
  private readonly drawn: number[] = [];

  private constructor(readonly room: Room<ArenaState>, readonly session: NetSession<ArenaState, ArenaPlayer, ArenaBody, ArenaInput>) {
    room.onMessage(ArenaMessage.Shot, (shot: ShotMessage) => {
      if (shot.by === room.sessionId) this.shots.push(shot);
    });
    room.onMessage("*", () => undefined);
  }

  /** Create a room of `roomName` at `wsUrl` with a guest `token`, behind the simulated `link`. */
  static async create(wsUrl: string, token: string, roomName: string, link: LinkConditions): Promise<HeadlessShooter> {
    const client = new Client(wsUrl);
    client.auth.token = token;
    const room = await client.create<ArenaState>(roomName);
    await firstState(room); // the session takes the room's rates from it
    const session = new NetSession<ArenaState, ArenaPlayer, ArenaBody, ArenaInput>(room, arenaGame, { link });
    const shooter = new HeadlessShooter(room, session);
    shooter.startFrames();
    return shooter;
  }

  get id(): string {
    return this.room.sessionId;
  }

  /** Where the target was drawn on the last frame, or null. */
  drawnTarget(id: string): { x: number; y: number } | null {
    const kind = this.session.sampleRemote(id, this.drawn);
    return kind === "empty" ? null : { x: this.drawn[0]!, y: this.drawn[1]! };
  }

  /** Track `targetId` and hold the trigger (null: stop). */
  fireAt(targetId: string | null): void {
    this.targetId = targetId;
  }

  async leave(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // Leave before disposing: dispose drops the patches still in the simulated link, and any that
    // arrived after them would then be decoded without their predecessors.
    if (this.room.connection.isOpen) await this.room.leave(true).catch(() => undefined);
    this.session.dispose();
  }

  private startFrames(): void {
    let last = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      const frameMs = now - last;
      last = now;
      const firing = this.targetId !== null;
      this.session.frame(frameMs, () => ({ moveX: 0, moveY: 0, aim: this.aimRad, fire: firing }));
      // "Draw" the frame: where the target is shown now is where the next input aims.
      const me = this.session.localRenderPosition();
      const target = this.targetId ? this.drawnTarget(this.targetId) : null;
      if (me && target) this.aimRad = Math.atan2(target.y - me.y, target.x - me.x);
    }, FRAME_MS);
  }
}
