/**
 * THE SEAM TO COLYSEUS: the only place in the project that touches a Colyseus (or `ws`)
 * internal. internals.ts holds each use as a named function (what it reaches, why, what replaces
 * it in 0.17/0.18); startup-check.ts refuses to start on untested versions or when an internal is
 * gone. Import from this index only.
 */
export * from "./internals.js";
export {
  ColyseusSeamError, checkColyseusInternals, checkColyseusSeam, checkColyseusVersions, expectMembers, installedColyseusVersions, versionInRange,
} from "./startup-check.js";
