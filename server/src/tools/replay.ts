import fs from "node:fs";
import { RecordingError, readRecording, replayFromKeyframes, replayRecording, type Recording, type TickRoomClass } from "../framework/recording/replay.js";
import { findRoomType } from "../rooms/registry.js";

const USAGE = "usage: npm run replay -- [--from-keyframes] <file.rec>";

/**
 * `npm run replay -- <file.rec>`: re-simulate a recording headless with the room type it names
 * (server/src/rooms/registry.ts) and compare the state's checksum with every recorded one (and
 * every keyframe's). Exit 0 with "N ticks, 0 divergences"; 1 at the first divergence (its tick
 * printed); 2 when the file cannot be read or names no known room type.
 *
 * `--from-keyframes`: replay each keyframe span on its own, from its keyframe to the next one,
 * and print every span that diverges: a keyframe missing some state (a room type's snapshotWorld
 * leaving a timer out) shows there. Exit 1 when any span diverges.
 */
function main(argv: string[]): number {
  const fromKeyframes = argv.includes("--from-keyframes");
  const rest = argv.filter((a) => a !== "--from-keyframes");
  const file = rest[0];
  if (!file || rest.length > 1 || file.startsWith("--")) {
    console.error(USAGE);
    return 2;
  }
  try {
    const recording = readRecording(fs.readFileSync(file));
    const entry = findRoomType(recording.header.room);
    if (!entry) {
      console.error(`${file}: room type "${recording.header.room}" is not registered in this server`);
      return 2;
    }
    if (fromKeyframes) return replaySpans(recording, entry.room as unknown as TickRoomClass);
    const started = performance.now();
    const result = replayRecording(recording, entry.room as unknown as TickRoomClass);
    const ms = Math.round(performance.now() - started);
    for (const w of result.warnings) console.warn(`warning: ${w}`);
    const d = result.divergence;
    if (d) {
      console.log(
        `${recording.header.room} ${recording.header.roomId}: diverged at tick ${d.tick} (checksum ${d.actual}, recorded ${d.expected}); ` +
        `last match at tick ${d.lastMatchTick}; ${result.ticks} ticks replayed`,
      );
      return 1;
    }
    console.log(`${recording.header.room} ${recording.header.roomId}: ${result.ticks} ticks, 0 divergences (${result.checksums} checksums, ${ms} ms)`);
    return 0;
  } catch (err) {
    if (err instanceof RecordingError || (err as NodeJS.ErrnoException).code) {
      console.error(`${file}: ${(err as Error).message}`);
      return 2;
    }
    throw err;
  }
}

/** --from-keyframes: every keyframe span on its own; exit 1 when one diverges. */
function replaySpans(recording: Recording, roomClass: TickRoomClass): number {
  const { header } = recording;
  const started = performance.now();
  const { spans, warnings } = replayFromKeyframes(recording, roomClass);
  const ms = Math.round(performance.now() - started);
  for (const w of warnings) console.warn(`warning: ${w}`);
  const diverged = spans.filter((s) => s.divergence);
  for (const s of diverged) {
    const d = s.divergence!;
    console.log(`span ${s.fromTick}-${s.toTick}: diverged at tick ${d.tick} (checksum ${d.actual}, recorded ${d.expected}); last match at tick ${d.lastMatchTick}`);
  }
  const ticks = spans.reduce((n, s) => n + s.ticks, 0);
  console.log(`${header.room} ${header.roomId}: ${spans.length} keyframe spans, ${ticks} ticks, ${diverged.length} diverged (${ms} ms)`);
  return diverged.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
