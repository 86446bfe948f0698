/** The arena, everything shared: `@arena/shared/games/arena`. */
export * from "./constants.js";
export * from "./map.js";
export * from "./movement.js";
export * from "./combat.js";
export * from "./pose.js";
export * from "./schema.js";
export * from "./input.js";
export * from "./input-codec.js";
export * from "./messages.js";
export * from "./definition.js";
