import { describe, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { ClientMessage, TICK_HZ, PATCH_HZ } from "@arena/shared";
import { arenaGame, ArenaPlayer, arenaInputCodec, type ArenaInput, type ArenaState, type ArenaBody } from "@arena/shared/games/arena";
import { NetSession } from "../src/net/index.js";

/** A colyseus.js Room stand-in that records what is sent. */
function fakeRoom() {
  const sent: { type: unknown; bytes?: Uint8Array; message?: unknown }[] = [];
  const player = new ArenaPlayer();
  const state = { tick: 0, tickHz: TICK_HZ, patchHz: PATCH_HZ, players: new Map([["me", player]]) };
  const room = {
    sessionId: "me",
    state,
    connection: { isOpen: true, send: () => undefined, transport: {} },
    onMessage: () => () => undefined,
    onStateChange: () => undefined,
    send: (type: unknown, message: unknown) => sent.push({ type, message }),
    sendBytes: (type: unknown, bytes: Uint8Array) => sent.push({ type, bytes: bytes.slice() }),
  };
  return { room: room as unknown as Room<ArenaState>, sent };
}

const move = { moveX: 1, moveY: 0, aim: 0.5, fire: false };

describe("NetSession input sending", () => {
  it("packs three ticks' inputs into one message and flushes a partial batch half a tick after it should have filled", () => {
    const { room, sent } = fakeRoom();
    let nowMs = 0;
    const tickMs = 1000 / TICK_HZ;
    const session = new NetSession<ArenaState, ArenaPlayer, ArenaBody, ArenaInput>(room, arenaGame, { now: () => nowMs });
    session.sendInput(move);
    session.sendInput(move);
    expect(sent).toEqual([]);
    session.sendInput(move);
    session.sendInput(move);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.type).toBe(ClientMessage.InputPacked);
    expect(sent[0]!.bytes!.byteLength).toBe(3 * arenaInputCodec.byteLength);
    const seqs = [0, 1, 2].map((i) => {
      const out = arenaInputCodec.create();
      expect(arenaInputCodec.decode(sent[0]!.bytes!.subarray(i * 13, (i + 1) * 13), out)).toBeNull();
      return out.seq;
    });
    expect(seqs).toEqual([1, 2, 3]);
    // The fourth waits for two more ticks; a frame 2 ticks later (no tick due) still holds it...
    nowMs += 2 * tickMs;
    session.frame(0.001, () => move);
    expect(sent).toHaveLength(1);
    // ...and one 2.5 ticks after it was queued sends it alone.
    nowMs += 0.5 * tickMs;
    session.frame(0.001, () => move);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.bytes!.byteLength).toBe(arenaInputCodec.byteLength);
    session.dispose();
  });

  it("predicts with the decoded (quantized) input, exactly what the server applies", () => {
    const { room } = fakeRoom();
    const session = new NetSession<ArenaState, ArenaPlayer, ArenaBody, ArenaInput>(room, arenaGame, {});
    const input = session.sendInput({ moveX: 0.3333, moveY: -0.7, aim: 1.2345, fire: true });
    expect(input.moveX).toBe(Math.round(0.3333 * 127) / 127);
    expect(input.moveY).toBe(Math.round(-0.7 * 127) / 127);
    expect(input.fire).toBe(true);
    session.dispose();
  });
});
