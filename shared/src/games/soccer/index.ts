/** Soccer, everything shared: `@arena/shared/games/soccer`. */
export * from "./constants.js";
export * from "./sim.js";
export * from "./schema.js";
export * from "./input.js";
export * from "./messages.js";
export * from "./definition.js";
