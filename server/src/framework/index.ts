/**
 * The netcode framework's public API. Room types import from here only;
 * nothing in framework/ imports from rooms/.
 */
export { TickRoom, type TickRoomState, type TickInput, type TickContext, type AckedPlayer, type LagCompensated } from "./tick-room.js";
export { DEFAULT_TICK_ROOM_CONFIG, wholeNumberFromEnv, type TickRoomConfig } from "./config.js";
export { BotFill, botClient, botFillFromEnv, botSeed, type BotBrain, type BotInput, type BotSeat, type BotFillPlan } from "./bot-fill.js";
export { FixedTickLoop, type FixedTickLoopOptions } from "./fixed-tick-loop.js";
export { InputQueue, type InputQueueOptions, type InputRejection } from "./input-queue.js";
export { LagHistory, type HistoricPosition } from "./lag-history.js";
export { earliestViewTick, rewindTick, type LagCompensationLimits, type MeasuredLink, type RewindTick } from "./lag-compensation.js";
export { LagCompensator } from "./lag-compensator.js";
export { RoundTripMeter } from "./round-trip.js";
export { ClientGuard, DEFAULT_CLIENT_GUARD, type ClientGuardOptions } from "./client-guard.js";
export { TokenBucket } from "./token-bucket.js";
export { TickStats } from "./tick-stats.js";
export { parseMessage, type Parsed } from "./validation.js";
export { colyseusLogger, logger, type Logger } from "./logger.js";
export { metrics, metricsRegistry } from "./metrics.js";
export * from "./auth/index.js";
export { PLAYER_COLORS, pickColor } from "./player-colors.js";
export { ClientViews } from "./client-views.js";
export { SpatialInterest, type InterestOptions, type InterestViewer, type PositionOf } from "./spatial-interest.js";
export { withCorkedSockets } from "./socket-batch.js";
export {
  defineGameMessage, type GameMessage, type GameMessageDelivery, type GameMessageOptions, type GameMessages,
} from "./game-messages.js";
export { ClientIntake, histogramPercentile, inputAgeMsPercentile, type ClientIntakeOptions, type PacingStats } from "./client-intake.js";
export { MatchmakingGate, configureMatchmakingGate, matchmakingGate, type GateAuth, type GateCounts, type GateOptions } from "./matchmaking-gate.js";
export {
  DEFAULT_MATCHMAKING_QUOTAS, NO_MATCHMAKING_QUOTAS, QUOTA_ENV, quotasFromEnv, type MatchmakingQuotas,
} from "./quotas.js";
export { GatedLobbyRoom } from "./gated-lobby-room.js";
export type { RoomTypeEntry } from "./room-type-entry.js";
export { SeatNames } from "./seat-names.js";
export { PoseBank } from "./pose-bank.js";
export { addressKey } from "./address-key.js";
export * from "./recording/index.js";
export { readRecording, replayRecording, RecordingError, type Divergence, type Recording, type ReplayOptions, type ReplayResult, type TickRoomClass } from "./recording/replay.js";
