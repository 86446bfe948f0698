import type { Schema } from "@colyseus/schema";
import { RECORDING_FORMAT, RECORDING_FORMAT_VERSION, stateChecksum } from "@arena/shared";
import type { GameMessage, GameMessages } from "../game-messages.js";
import type { Logger } from "../logger.js";
import { RoomRecorder, type RoomKeyframe } from "./room-recorder.js";
import { recordingSettings } from "./recording-settings.js";

/** What startRecording reads of a room that has just set its state. */
export interface RecordableRoom {
  readonly roomName: string;
  readonly roomId: string;
  readonly state: unknown;
  readonly definitionVersion: number;
  readonly checksumSkipFields: ReadonlySet<string>;
  /** The room at this tick boundary, for a keyframe (see keyframe.ts). */
  captureKeyframe(): RoomKeyframe;
}

/**
 * A recorder for a room just created (its state set, its config final), or null when the
 * process does not record or the file cannot be opened (logged; the room runs on unrecorded).
 */
export function startRecording(room: RecordableRoom, config: object, options: unknown, log: Logger): RoomRecorder | null {
  const settings = recordingSettings();
  if (!settings) return null;
  const state = room.state as Schema & { tick: number };
  const skip = room.checksumSkipFields;
  try {
    return new RoomRecorder(settings, {
      format: RECORDING_FORMAT,
      formatVersion: RECORDING_FORMAT_VERSION,
      room: room.roomName,
      definitionVersion: room.definitionVersion,
      roomId: room.roomId,
      startedAtMs: Date.now(),
      config: { ...config },
      options: options ?? null,
      checksumEveryTicks: settings.checksumEveryTicks,
      checksumSkip: [...skip],
      startTick: state.tick,
      startChecksum: stateChecksum(state, skip),
      keyframeEveryTicks: settings.keyframeEveryTicks,
    }, log, () => room.captureKeyframe());
  } catch (err) {
    log.error({ err }, "could not start the room's recording; the room runs unrecorded");
    return null;
  }
}

/** The room's game messages, each handler recording its message first (tick or arrival, as delivered). */
export function recordedGameMessages(messages: GameMessages, recorder: RoomRecorder): GameMessages {
  const recorded: Record<string, GameMessage<unknown>> = {};
  for (const [type, message] of Object.entries(messages)) {
    recorded[type] = {
      ...message,
      handle: (sessionId, value, ctx) => {
        if (message.delivery === "tick") recorder.tickMessage(sessionId, type, value);
        else recorder.arrival(sessionId, type, value);
        message.handle(sessionId, value, ctx);
      },
    };
  }
  return recorded;
}
