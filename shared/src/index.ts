/**
 * The framework's shared part: `@arena/shared`. No game in here (lint keeps it so); each game is
 * its own entry, `@arena/shared/games/<name>` (shared/src/games/<name>/index.ts).
 */
export * from "./sim/rates.js";
export * from "./sim/quantize.js";
export * from "./sim/rng.js";
export * from "./sim/geometry.js";
export * from "./sim/exact-math.js";
export * from "./sim/spawn.js";
export * from "./schema/tick-state.js";
export * from "./schema/view-tags.js";
export * from "./schema/slot-bank.js";
export * from "./schema/pose-packing.js";
export * from "./schema/teleports.js";
export * from "./protocol/messages.js";
export * from "./protocol/game-messages.js";
export * from "./protocol/game-definition.js";
export * from "./protocol/input.js";
export * from "./protocol/input-codec.js";
export * from "./protocol/names.js";
export * from "./protocol/lag-compensation.js";
export * from "./protocol/rejoin.js";
export * from "./sim/state-checksum.js";
export * from "./protocol/recording.js";
export * from "./protocol/replay.js";
export * from "./protocol/recording-codec.js";
