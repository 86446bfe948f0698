/** Recording rooms and replaying their files (see docs/protocol.md "Recordings", docs/operations.md). */
export { RoomRecorder } from "./room-recorder.js";
export { startRecording, recordedGameMessages, type RecordableRoom } from "./start-recording.js";
export { configureRecording, recordingSettings, recordingFromEnv, DEFAULT_RECORDING, type RecordingSettings } from "./recording-settings.js";
export { listRecordings, pruneRecordings, type RecordingFile } from "./prune.js";
export type { HeadlessRoom } from "./headless-room.js";
