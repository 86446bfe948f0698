export * from "./sim/rates.js";
export * from "./sim/quantize.js";
export * from "./sim/rng.js";
export * from "./sim/geometry.js";
export * from "./sim/arena/constants.js";
export * from "./sim/arena/map.js";
export * from "./sim/arena/movement.js";
export * from "./sim/arena/combat.js";
export * from "./sim/arena/spawn.js";
export * from "./schema/arena.js";
export * from "./protocol/messages.js";
export * from "./protocol/input.js";
export * from "./protocol/names.js";
export * from "./sim/tag/constants.js";
export * from "./sim/tag/map.js";
export * from "./sim/tag/movement.js";
export * from "./schema/tag.js";
// new-room:exports (npm run new-room adds exports above this line)
