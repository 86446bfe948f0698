import { describe, expect, it } from "vitest";
import type { Client } from "@colyseus/core";
import { ArenaRoom } from "../../src/rooms/arena/arena-room.js";
import { TagRoom } from "../../src/rooms/tag/tag-room.js";
import { OWNED_HOOKS, OwnedHookOverrideError } from "../../src/framework/owned-hooks.js";

/** A room type that forgot the framework owns onJoin: without super, the netcode would be off. */
class OnJoinRoom extends ArenaRoom {
  override onJoin(_client: Client): void {}
}

class OnCreateRoom extends ArenaRoom {
  override onCreate(): void {}
}

class StaticOnAuthRoom extends ArenaRoom {
  static override async onAuth(): Promise<never> {
    throw new Error("never reached");
  }
}

/** An owned hook as a class field: there only after the subclass constructor, caught at onCreate. */
class FieldHookRoom extends ArenaRoom {
  override onBeforePatch = (): void => undefined;
}

describe("composition, not override: a room type cannot override a hook TickRoom owns", () => {
  it("a subclass overriding onJoin fails at creation, naming the hook and what to use instead", () => {
    expect(() => new OnJoinRoom()).toThrow(OwnedHookOverrideError);
    expect(() => new OnJoinRoom()).toThrow(/OnJoinRoom overrides onJoin, which TickRoom owns .*use addPlayer\(client, identity, options\) instead/);
  });

  it("so does one overriding onCreate (even with super it could reorder the framework's set-up) or the static onAuth", () => {
    expect(() => new OnCreateRoom()).toThrow(/overrides onCreate.*beforeCreate\(options\)/);
    expect(() => new StaticOnAuthRoom()).toThrow(/overrides static onAuth.*matchmaking gate/);
  });

  it("an owned hook set as a class field is refused when the room is created", () => {
    const room = new FieldHookRoom();
    expect(() => room.onCreate({})).toThrow(/FieldHookRoom overrides onBeforePatch.*use beforePatch\(\)/);
    room.clock.clear();
  });

  it("the shipped room types override none of them", () => {
    for (const RoomType of [ArenaRoom, TagRoom]) {
      const room = new RoomType();
      for (const hook of Object.keys(OWNED_HOOKS)) expect(Object.prototype.hasOwnProperty.call(RoomType.prototype, hook), `${RoomType.name}.${hook}`).toBe(false);
      room.clock.clear();
    }
  });
});
