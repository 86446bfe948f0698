import { describe, expect, it } from "vitest";
import { Encoder, MapSchema, Reflection, Schema, StateView, type, view } from "@colyseus/schema";
import { INTEREST_ENCODE_BUFFER_BYTES } from "../../src/framework/config.js";
import { withEncodeBuffer } from "../../src/framework/encode-buffer.js";

const SECRET_TAG = 1;

class Entity extends Schema {
  @type("string") name = "";
  @view(SECRET_TAG) @type("uint32") secret = 0;
}

class World extends Schema {
  @view() @type({ map: Entity }) entities = new MapSchema<Entity>();
}

/**
 * `count` entities enter one client's view in a single patch (a join, or interest management
 * after a teleport); returns what that client decoded.
 */
function viewPatch(count: number, makeEncoder: (state: World) => Encoder) {
  const state = new World();
  const encoder = makeEncoder(state);
  const clientView = new StateView();
  const decoder = Reflection.decode<World>(Reflection.encode(encoder));
  const full = Buffer.from(encoder.encodeAll());
  decoder.decode(encoder.encodeAllView(clientView, full.length, { offset: full.length }));
  encoder.discardChanges();
  for (let i = 0; i < count; i++) {
    const e = new Entity();
    e.name = `entity-${i}-with-a-name-long-enough-to-fill-a-patch`;
    e.secret = 1_000_000 + i;
    state.entities.set(`e${i}`, e);
    clientView.add(e);
    clientView.add(e, SECRET_TAG);
  }
  const it = { offset: 0 };
  encoder.encode(it);
  const bytes = encoder.encodeView(clientView, it.offset, it);
  encoder.discardChanges();
  decoder.decode(bytes);
  return { bytes: bytes.length, decoded: decoder.state.entities };
}

describe("withEncodeBuffer (TickRoom's encode buffer)", () => {
  it("a view patch well past 8 KB reaches the client whole", () => {
    const count = 600;
    const { bytes, decoded } = viewPatch(count, (state) => withEncodeBuffer(INTEREST_ENCODE_BUFFER_BYTES, () => new Encoder(state)));
    expect(bytes).toBeGreaterThan(3 * 8192);
    expect(decoded.size).toBe(count);
    for (let i = 0; i < count; i++) expect(decoded.get(`e${i}`)?.secret).toBe(1_000_000 + i);
  });

  it("leaves the global default as it was for encoders made afterwards", () => {
    const before = Encoder.BUFFER_SIZE;
    withEncodeBuffer(before * 4, () => undefined);
    expect(Encoder.BUFFER_SIZE).toBe(before);
    expect(() => withEncodeBuffer(before * 4, () => { throw new Error("setState failed"); })).toThrow("setState failed");
    expect(Encoder.BUFFER_SIZE).toBe(before);
  });
});
