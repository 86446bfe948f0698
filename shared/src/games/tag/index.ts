/** Tag, everything shared: `@arena/shared/games/tag`. */
export * from "./constants.js";
export * from "./map.js";
export * from "./movement.js";
export * from "./schema.js";
export * from "./input.js";
export * from "./messages.js";
export * from "./definition.js";
