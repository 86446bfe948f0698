import fs from "node:fs";
import path from "node:path";
import { createGzip, type Gzip } from "node:zlib";
import type { Logger } from "../logger.js";
import { pruneRecordings } from "./prune.js";
import type { RecordingSettings } from "./recording-settings.js";

/**
 * gzip level 0: stored blocks (a CRC, no compression). The binary records are mostly bots'
 * full-precision doubles, which deflate barely shrinks: level 1 took 15% off for ~20x the CPU
 * (about 8 µs per 16-player tick, more than all the rest of the recording). The gzip framing
 * stays so a cut-off file still reads, and a deployment short of disk can raise this.
 */
const GZIP_LEVEL = 0;

/** `2025-01-31T12-00-00-000Z`: sorts by time, safe in file names. */
function fileTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, "-");
}

/**
 * One recording file being written: `<dir>/<room>/<time>-<roomId>.rec.part`, gzip'd (the
 * compression runs on libuv's thread pool, off the room's thread), renamed to `.rec` by `finish`,
 * after which old files are pruned to the keep limits. A write error calls `onError` (once per
 * stream); the owner then `destroy`s it.
 */
export class RecordingStream {
  readonly path: string;
  private readonly partPath: string;
  private readonly gzip: Gzip;
  private readonly file: fs.WriteStream;

  constructor(settings: RecordingSettings, room: string, roomId: string, startedAtMs: number, onError: (err: unknown) => void) {
    const dir = path.join(settings.dir, room);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.path = path.join(dir, `${fileTime(startedAtMs)}-${roomId}.rec`);
    this.partPath = `${this.path}.part`;
    this.gzip = createGzip({ level: GZIP_LEVEL });
    this.file = fs.createWriteStream(this.partPath, { mode: 0o600 });
    this.gzip.pipe(this.file);
    this.gzip.on("error", onError);
    this.file.on("error", onError);
  }

  /** Bytes handed to the compressor or the file and not yet written. */
  get pendingBytes(): number {
    return this.gzip.writableLength + this.file.writableLength;
  }

  /** Compressed bytes on disk so far. */
  get bytesWritten(): number {
    return this.file.bytesWritten;
  }

  get where(): string {
    return this.partPath;
  }

  write(bytes: Uint8Array): void {
    this.gzip.write(bytes);
  }

  destroy(): void {
    this.gzip.destroy();
    this.file.destroy();
  }

  /** Close the file, rename it to `.rec`, prune: resolves with its path, or null when it failed (logged). */
  finish(settings: RecordingSettings, log: Logger): Promise<string | null> {
    return new Promise<string | null>((resolve) => {
      this.file.once("close", () => {
        if (this.file.errored || this.gzip.errored) return resolve(null);
        fs.promises.rename(this.partPath, this.path)
          .then(() => pruneRecordings(settings.dir, settings.keepFiles, settings.keepBytes))
          .then(() => resolve(this.path), (err: unknown) => {
            log.error({ err, path: this.path }, "could not finish or prune recordings");
            resolve(null);
          });
      });
      this.gzip.end();
    });
  }
}
