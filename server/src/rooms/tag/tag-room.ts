import type { Client } from "@colyseus/core";
import { pickSpawnPoint } from "@arena/shared";
import {
  TAG_EMOTES_PER_SEC, TAG_IMMUNITY_TICKS, TAG_MAP, TAG_MAX_PLAYERS, TagMessage, TagPlayer, TagState,
  runnersTouch, tagEmoteSchema, tagGame, type TagEmoteMessage, type TagInput,
} from "@arena/shared/games/tag";
import { TickRoom, defineGameMessage, pickColor, type GameMessages, type HistoricPosition, type Identity, type TickContext } from "../../framework/index.js";
import { tagBotBrain } from "./tag-bot.js";

/** Tag's server-only state in a keyframe. */
export interface TagWorld {
  immuneUntilTick: number;
  freeTicks: [string, number][];
}

/**
 * Tag: whoever is "it" chases the others; touching someone (where the chaser saw them, lag
 * compensated) passes "it" on. Everyone else scores a point per second of freedom.
 */
export class TagRoom extends TickRoom<TagState, TagInput> {
  protected readonly inputSchema = tagGame.inputSchema;
  protected override readonly botBrain = tagBotBrain;
  override maxClients = TAG_MAX_PLAYERS;
  /** Emotes touch no game state: shown to everyone as they arrive. */
  protected override readonly gameMessages: GameMessages = {
    [TagMessage.Emote]: defineGameMessage(tagEmoteSchema, (by, { emote }) => {
      const shown: TagEmoteMessage = { by, emote };
      this.broadcast(TagMessage.Emote, shown);
    }, { delivery: "arrival", perSecond: TAG_EMOTES_PER_SEC }),
  };
  /** Tick until which a freshly tagged runner cannot tag back. */
  private immuneUntilTick = 0;
  /** Ticks each runner has spent free since its last whole second of score. */
  private readonly freeTicks = new Map<string, number>();

  protected createState(): TagState {
    return new TagState();
  }

  protected addPlayer(client: Client, identity: Identity): void {
    const p = new TagPlayer();
    p.name = identity.name;
    p.color = pickColor([...this.state.players.values()].map((o) => o.color));
    const spawn = pickSpawnPoint(TAG_MAP, this.state.players.values());
    p.x = spawn.x;
    p.y = spawn.y;
    this.state.players.set(client.sessionId, p);
    this.freeTicks.set(client.sessionId, 0);
    if (!this.currentIt()) p.it = true;
  }

  protected override removePlayer(sessionId: string): void {
    const wasIt = this.state.players.get(sessionId)?.it ?? false;
    super.removePlayer(sessionId);
    this.freeTicks.delete(sessionId);
    if (wasIt) {
      const next = this.state.players.values().next().value;
      if (next) next.it = true;
    }
  }

  /** For a recording's keyframe: the tag-back immunity and each runner's free ticks, in order. */
  protected override snapshotWorld(): TagWorld {
    return { immuneUntilTick: this.immuneUntilTick, freeTicks: [...this.freeTicks] };
  }

  protected override restoreWorld(world: TagWorld): void {
    this.immuneUntilTick = world.immuneUntilTick;
    this.freeTicks.clear();
    for (const [sessionId, ticks] of world.freeTicks) this.freeTicks.set(sessionId, ticks);
  }

  protected applyInput(sessionId: string, input: TagInput, ctx: TickContext): void {
    const runner = this.state.players.get(sessionId);
    if (!runner) return;
    // The shared step, as the owner's client predicts it.
    tagGame.step(runner, input, ctx.dtSec);
    if (runner.it && ctx.tick >= this.immuneUntilTick) this.tryTag(sessionId, runner, input, ctx);
  }

  protected stepWorld(ctx: TickContext): void {
    for (const [id, runner] of this.state.players) {
      if (runner.it) continue;
      const ticks = (this.freeTicks.get(id) ?? 0) + 1;
      if (ticks >= Math.round(1 / ctx.dtSec)) {
        runner.score = Math.min(0xffff, runner.score + 1);
        this.freeTicks.set(id, 0);
      } else {
        this.freeTicks.set(id, ticks);
      }
    }
  }

  protected override *hitPositions(): Iterable<HistoricPosition> {
    for (const [id, p] of this.state.players) yield { id, x: p.x, y: p.y };
  }

  /** The chaser touches whoever it saw itself touching (targets rewound to its view tick). */
  private tryTag(chaserId: string, chaser: TagPlayer, input: TagInput, ctx: TickContext): void {
    const seen = this.lagCompensate(input).positions ?? [...this.hitPositions()];
    for (const target of seen) {
      if (target.id === chaserId || !runnersTouch(chaser.x, chaser.y, target.x, target.y)) continue;
      const tagged = this.state.players.get(target.id);
      if (!tagged) continue;
      chaser.it = false;
      tagged.it = true;
      this.immuneUntilTick = ctx.tick + TAG_IMMUNITY_TICKS;
      this.log.debug({ chaserId, taggedId: target.id }, "tagged");
      return;
    }
  }

  private currentIt(): TagPlayer | undefined {
    for (const p of this.state.players.values()) if (p.it) return p;
    return undefined;
  }
}
