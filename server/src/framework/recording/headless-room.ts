import type { KeyframeData } from "@arena/shared";
import type { Identity } from "../auth/index.js";

/**
 * A TickRoom driven by a replay (TickRoom.startHeadless): the recorded events go straight to
 * the room type's hooks, in the recorded order.
 */
export interface HeadlessRoom<I> {
  seat(playerId: string, identity: Identity, joinOptions: unknown, bot: boolean): void;
  unseat(playerId: string): void;
  arrival(playerId: string, type: string, value: unknown): void;
  /** The next tick starts (state.tick + 1). */
  beginTick(): void;
  tickMessage(playerId: string, type: string, value: unknown): void;
  input(playerId: string, input: I): void;
  /** stepWorld, the tick advances, lag-compensation history. */
  endTick(): void;
  checksum(): number;
  /** Put the room where a keyframe (RecLine.Keyframe) was: its state, history, server-only state. */
  restore(stateBytes: Uint8Array, data: KeyframeData): void;
  /** The tick being computed (after endTick: state.tick). */
  readonly tick: number;
}
