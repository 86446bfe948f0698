import { describe, expect, it } from "vitest";
import { Encoder, MapSchema, Reflection, Schema, type, view, type Decoder, type StateView } from "@colyseus/schema";
import { OWNER_VIEW_TAG } from "@arena/shared";
import { ClientViews, SpatialInterest, withCorkedSockets } from "../../src/framework/index.js";
import type { Client } from "@colyseus/core";

class Dot extends Schema {
  @type("int16") px = 0;
  @view(OWNER_VIEW_TAG) @type("uint32") ack = 0;
  x = 0;
  y = 0;
}

class Field extends Schema {
  @type("uint32") tick = 0;
  @view() @type({ map: Dot }) players = new MapSchema<Dot>();
}

/** A server state with one client's view, and that client's decoder, wired like Colyseus does. */
function setup(dots: [string, number, number][]) {
  const state = new Field();
  for (const [id, x, y] of dots) {
    const d = new Dot();
    Object.assign(d, { x, y, px: x });
    state.players.set(id, d);
  }
  const encoder = new Encoder(state);
  const decoder: Decoder<Field> = Reflection.decode(Reflection.encode(encoder));
  const shared = Buffer.from(encoder.encodeAll());
  return { state, encoder, decoder, shared };
}

function patch(encoder: Encoder, decoder: Decoder, views: StateView[]): void {
  const it = { offset: 0 };
  encoder.encode(it);
  const sharedOffset = it.offset;
  // Only the first view is decoded (one client); the others are encoded like Colyseus would.
  const bytes = views.map((v) => encoder.encodeView(v, sharedOffset, it));
  decoder.decode(bytes[0]!);
  encoder.discardChanges();
}

const seen = (decoder: Decoder<Field>) => [...(decoder.state.players?.keys() ?? [])].sort();

describe("SpatialInterest + ClientViews", () => {
  it("a client receives its own player and those within the radius; leaving past radius + hysteresis removes them", () => {
    const { state, encoder, decoder, shared } = setup([["me", 100, 100], ["near", 300, 100], ["far", 900, 100], ["edge", 100, 640]]);
    const views = new ClientViews<Dot>(new SpatialInterest({ radiusPx: 500, hysteresis: 0.1 }, (d) => d));
    const client = { sessionId: "me" } as Client;
    views.attach(client, state.players.get("me"));
    views.update(state.players);
    decoder.decode(encoder.encodeAllView(client.view!, shared.length, { offset: shared.length }, Buffer.concat([shared, Buffer.alloc(4096)])));
    encoder.discardChanges();
    expect(seen(decoder)).toEqual(["me", "near"]);
    // Owner-only field: the own ack arrives.
    state.players.get("me")!.ack = 7;
    patch(encoder, decoder, [client.view!]);
    expect(decoder.state.players.get("me")!.ack).toBe(7);

    // "edge" comes within 500 px; "near" moves to 540 px (inside the 550 px drop distance): kept.
    Object.assign(state.players.get("edge")!, { y: 590, px: 101 });
    Object.assign(state.players.get("near")!, { x: 640, px: 640 });
    views.update(state.players);
    patch(encoder, decoder, [client.view!]);
    expect(seen(decoder)).toEqual(["edge", "me", "near"]);
    expect(decoder.state.players.get("edge")!.px).toBe(101);

    // Beyond 550 px: dropped from the view.
    Object.assign(state.players.get("near")!, { x: 700, px: 700 });
    views.update(state.players);
    patch(encoder, decoder, [client.view!]);
    expect(seen(decoder)).toEqual(["edge", "me"]);
  });

  it("other players' owner-only fields never reach a client, even when they are in view", () => {
    const { state, encoder, decoder, shared } = setup([["me", 0, 0], ["other", 10, 0]]);
    const views = new ClientViews<Dot>(new SpatialInterest({ radiusPx: 100 }, (d) => d));
    const me = { sessionId: "me" } as Client;
    const other = { sessionId: "other" } as Client;
    views.attach(me, state.players.get("me"));
    views.attach(other, state.players.get("other"));
    views.update(state.players);
    decoder.decode(encoder.encodeAllView(me.view!, shared.length, { offset: shared.length }, Buffer.concat([shared, Buffer.alloc(4096)])));
    encoder.discardChanges();
    state.players.get("me")!.ack = 1;
    state.players.get("other")!.ack = 2;
    patch(encoder, decoder, [me.view!, other.view!]);
    expect(decoder.state.players.get("me")!.ack).toBe(1);
    expect(decoder.state.players.get("other")!.ack).toBeUndefined();
  });

  it("is allocation-light: bins reuse arrays, and a viewer without a player sees nothing", () => {
    const interest = new SpatialInterest<{ x: number; y: number }>({ radiusPx: 50 }, (e) => e);
    const a = { x: 0, y: 0 };
    const b = { x: 10, y: 0 };
    const fakeView = { added: [] as unknown[], add(e: unknown) { this.added.push(e); }, remove() {} };
    const viewer = { view: fakeView as unknown as StateView, self: a, visible: new Set<{ x: number; y: number }>() };
    interest.update([a, b], [viewer]);
    expect([...viewer.visible]).toEqual([b]);
    expect(interest.lastChanges).toBe(1);
    interest.update([a, b], [viewer]);
    expect(interest.lastChanges).toBe(0);
    const lonely = { view: fakeView as unknown as StateView, self: undefined, visible: new Set<{ x: number; y: number }>() };
    interest.update([a, b], [lonely]);
    expect(lonely.visible.size).toBe(0);
  });
});

describe("withCorkedSockets", () => {
  it("corks every client socket around the sends and uncorks them after, even when sending throws", () => {
    const calls: string[] = [];
    const socket = (name: string) => ({ destroyed: false, cork: () => calls.push(`cork ${name}`), uncork: () => calls.push(`uncork ${name}`) });
    const clients = [{ ref: { _socket: socket("a") } }, { ref: { _socket: socket("b") } }, { ref: undefined }] as unknown as Client[];
    expect(withCorkedSockets(clients, () => { calls.push("send"); return 3; })).toBe(3);
    expect(calls).toEqual(["cork a", "cork b", "send", "uncork a", "uncork b"]);
    calls.length = 0;
    expect(() => withCorkedSockets(clients, () => { throw new Error("boom"); })).toThrow("boom");
    expect(calls).toEqual(["cork a", "cork b", "uncork a", "uncork b"]);
  });
});
