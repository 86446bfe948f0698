/**
 * Composition rather than override: the Colyseus hooks TickRoom implements run the netcode (input
 * intake, acks, views, reconnection, bots, the tick loop). A room type that overrode one without
 * calling `super` would switch the netcode off, silently. So a room type may not override them at
 * all: it implements the framework's own hooks instead (the value of each entry below), and a room
 * class that defines an owned hook fails at construction with an error naming both.
 */
export const OWNED_HOOKS: Readonly<Record<string, string>> = {
  onCreate: "createState(options) for the state, beforeCreate(options) to set config/interest from options, afterCreate(options) for the rest",
  onJoin: "addPlayer(client, identity, options)",
  onLeave: "removePlayer(sessionId) (called once the player is gone for good, after any reconnect grace)",
  onDispose: "nothing yet: the framework stops the tick loop; ask for a hook if a game needs one",
  onBeforePatch: "beforePatch()",
  broadcastPatch: "nothing: the framework sends patches (corked, backlog-safe)",
  onBeforeShutdown: "nothing: the framework tells players and closes the room",
  onUncaughtException: "nothing: the framework logs them; a throwing tick closes the room",
};

/** The static hook TickRoom owns: matchmaking admission runs through the matchmaking gate. */
export const OWNED_STATIC_HOOKS: Readonly<Record<string, string>> = {
  onAuth: "the matchmaking gate (configureMatchmakingGate: identity provider and quotas)",
};

export class OwnedHookOverrideError extends Error {
  override name = "OwnedHookOverrideError";
}

function refuse(roomClass: string, owner: string, hook: string, instead: string): never {
  throw new OwnedHookOverrideError(
    `${roomClass} overrides ${hook}, which ${owner} owns (the netcode runs there); use ${instead} instead. ` +
      'See docs/writing-a-room-type.md, "What the framework owns".',
  );
}

/** The owned hooks `room` holds as own properties now (Colyseus's constructor wraps some in place). */
export function ownHookValues(room: object): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const hook of Object.keys(OWNED_HOOKS)) {
    if (Object.prototype.hasOwnProperty.call(room, hook)) values.set(hook, (room as Record<string, unknown>)[hook]);
  }
  return values;
}

/**
 * Throw an OwnedHookOverrideError if a subclass constructor set an owned hook as an own property
 * (a class field arrow function): one that differs from `atBaseConstructor`, the own properties
 * after the base constructor (Colyseus's exception wrappers). Call once the room is constructed.
 */
export function assertNoOwnedHookFields(room: object, base: abstract new (...args: never[]) => object, atBaseConstructor: Map<string, unknown>): void {
  for (const [hook, value] of ownHookValues(room)) {
    if (atBaseConstructor.get(hook) !== value) refuse(room.constructor.name || "a room type", base.name, hook, OWNED_HOOKS[hook]!);
  }
}

/**
 * Throw an OwnedHookOverrideError if any class between `room`'s own class and `base` (exclusive)
 * defines an owned hook (prototype method or static). Class fields: see assertNoOwnedHookFields.
 */
export function assertNoOwnedHookOverrides(room: object, base: abstract new (...args: never[]) => object): void {
  const roomClass = room.constructor.name || "a room type";
  for (let proto = Object.getPrototypeOf(room) as object | null; proto && proto !== base.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const hook of Object.keys(OWNED_HOOKS)) {
      if (Object.prototype.hasOwnProperty.call(proto, hook)) refuse(roomClass, base.name, hook, OWNED_HOOKS[hook]!);
    }
    const ctor = (proto as { constructor: object }).constructor;
    for (const hook of Object.keys(OWNED_STATIC_HOOKS)) {
      if (Object.prototype.hasOwnProperty.call(ctor, hook)) refuse(roomClass, base.name, `static ${hook}`, OWNED_STATIC_HOOKS[hook]!);
    }
  }
}
