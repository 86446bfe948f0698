import { afterAll, beforeAll, expect, it } from "vitest";
import type { Client } from "@colyseus/core";
import { ArraySchema, MapSchema, Schema, type } from "@colyseus/schema";
import { z } from "zod";
import { TickState, tickInputFields } from "@arena/shared";
import { DEFAULT_TICK_ROOM_CONFIG, TickRoom, type TickContext } from "../../src/framework/index.js";
import { sleep, startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

/** Cells, a third of which change each tick (a different third each time): patches of about 8 KB, 60 a second, of varying content. */
const CELLS = 3000;

class BacklogPlayer extends Schema {
  @type("uint32") ack = 0;
}

class Cell extends Schema {
  @type("uint32") v = 0;
}

class BacklogState extends TickState {
  @type({ map: BacklogPlayer }) players = new MapSchema<BacklogPlayer>();
  @type([Cell]) cells = new ArraySchema<Cell>();
}

/** Cell i changes at ticks t with (t + i) % 3 === 0, to this value. */
const changesAt = (tick: number, i: number) => (tick + i) % 3 === 0;
const cellValue = (tick: number, i: number) => (Math.imul(tick, 2654435761) + i * 40503) >>> 0;
/** What cell i holds once tick `tick` is applied: its value at the last tick it changed (0 before). */
function expectedCell(tick: number, i: number): number {
  for (let t = tick; t > 0 && t > tick - 3; t--) if (changesAt(t, i)) return cellValue(t, i);
  return 0;
}

/** A room type without `@view` fields: Colyseus sends every client the same patch bytes. */
class BacklogRoom extends TickRoom<BacklogState, { seq: number }> {
  protected override config = { ...DEFAULT_TICK_ROOM_CONFIG, patchHz: 60, encodeBufferBytes: 64 * 1024, reconnectGraceSec: 0 };
  protected readonly inputSchema = z.object(tickInputFields);

  protected createState(): BacklogState {
    const state = new BacklogState();
    for (let i = 0; i < CELLS; i++) state.cells.push(new Cell());
    return state;
  }

  protected addPlayer(client: Client): void {
    this.state.players.set(client.sessionId, new BacklogPlayer());
  }

  protected applyInput(): void {}

  protected stepWorld(ctx: TickContext): void {
    this.state.cells.forEach((cell, i) => {
      if (changesAt(ctx.tick, i)) cell.v = cellValue(ctx.tick, i);
    });
  }
}

let ts: TestServer;
beforeAll(async () => {
  // Keepalive far off: a client that stops reading also stops answering pings.
  ts = await startTestServer({ pingIntervalMs: 60_000 });
  ts.server.gameServer.define("backlog", BacklogRoom);
});
afterAll(async () => {
  await ts?.close();
});

/** Cells that do not hold the values of the tick the client decoded. */
function wrongCells(state: BacklogState): number {
  let wrong = 0;
  state.cells.forEach((cell, i) => {
    if (cell.v !== expectedCell(state.tick, i)) wrong++;
  });
  return wrong;
}

it("a client that stops reading for a while still decodes exactly the server's patches afterwards", { timeout: 90_000 }, async () => {
  const steady = await ts.client("steady").joinOrCreate<BacklogState>("backlog");
  const proxy = await ts.faultProxy();
  const slow = await ts.client("slow", proxy).joinOrCreate<BacklogState>("backlog");
  expect(slow.roomId).toBe(steady.roomId);
  const decodeErrors: unknown[] = [];
  slow.onError((code, message) => decodeErrors.push({ code, message }));
  await waitFor(() => slow.state.cells?.length === CELLS && slow.state.tick > 0, 5000, "slow client's first state");
  // After every patch the slow client decodes, each cell must hold its value as of the decoded
  // tick: a patch that arrived with some other patch's bytes breaks that.
  let patches = 0;
  const inconsistent: number[] = [];
  slow.onStateChange((state) => {
    patches++;
    if (wrongCells(state) > 0) inconsistent.push(state.tick);
  });

  // The slow client's path stops delivering: the kernel buffers fill, then the server's socket
  // holds the patches it could not write yet, in memory, while Colyseus keeps encoding new ones.
  const link = proxy.connectionOf(slow);
  link.stall("toClient");
  const serverRoom = ts.serverRoom<BacklogRoom>(slow.roomId);
  const serverSocket = () => {
    const client = serverRoom.clients.find((c) => c.sessionId === slow.sessionId);
    return (client?.ref as unknown as { _socket?: { writableLength: number } } | undefined)?._socket;
  };
  await waitFor(() => (serverSocket()?.writableLength ?? 0) > 256 * 1024, 40_000, "patches held back by the server for the slow client");
  await sleep(500);
  link.resume("toClient");

  // Once it has caught up, every cell must hold its value at the tick decoded with it.
  await waitFor(() => serverSocket()?.writableLength === 0, 30_000, "the slow client catching up");
  // At least 100 decoded patches checked in all (the backlog plus live ones: how many the backlog
  // holds depends on how fast a busy machine fills 256 KB, so the count is waited for, not assumed).
  await waitFor(() => patches > 100, 30_000, "100 patches decoded by the slow client");
  await sleep(300);
  expect(decodeErrors).toEqual([]);
  expect(inconsistent).toEqual([]);
  expect(slow.state.tick).toBeGreaterThan(0);
  expect(wrongCells(slow.state)).toBe(0);
  expect(wrongCells(steady.state)).toBe(0);
  await steady.leave();
  await slow.leave();
});
