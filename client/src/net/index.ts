/** Client netcode, Phaser-free: usable from a browser scene, a headless bot or a test. */
export { NetSession, type NetSessionOptions } from "./net-session.js";
export { firstState } from "./first-state.js";
export { roomRates, MAX_ROOM_HZ, type RoomRates } from "./room-rates.js";
export { InputSender, type InputLink } from "./input-sender.js";
export type { ClientRoomType, SessionState } from "./client-room-type.js";
export { ClockPinger } from "./clock-pinger.js";
export { Predictor, type PredictedBody, type PredictorOptions } from "./predictor.js";
export { Interpolator, type InterpolatorOptions, type SampleKind } from "./interpolator.js";
export { ClockSync, type ClockSample } from "./clock-sync.js";
export { RenderClock } from "./render-clock.js";
export { JitterBuffer, MAX_INTERP_DELAY_MS, type JitterBufferOptions } from "./jitter-buffer.js";
export { FixedTicker } from "./fixed-ticker.js";
export { SendPacer, SEND_PACE_STEP } from "./send-pacer.js";
export { DelayLine, shapeConnection, NO_CONDITIONS, type LinkConditions } from "./link-shaper.js";
export { RateMeter, type NetStatsSnapshot } from "./net-stats.js";
export { Reconnector, type ConnectionStatus, type ReconnectorOptions } from "./reconnector.js";
export { describeCloseCode, describeJoinError } from "./close-reasons.js";
export { loginAsGuest, type GuestLogin } from "./guest-login.js";
