import fs from "node:fs/promises";
import path from "node:path";
import type express from "express";
import { matchMaker } from "@colyseus/core";
import { type KeyframeData, RecLine, type RecordingListing } from "@arena/shared";
import { addressKey, logger } from "../framework/index.js";
import { listRecordings, recordingSettings } from "../framework/recording/index.js";
import { RecordingError, readRecording, type Recording } from "../framework/recording/replay.js";
import { offerReplay, withdrawReplay } from "../framework/recording/replay-rooms.js";
import { clientAddressOf } from "./client-address.js";
import { admitSpectator } from "./admit-spectator.js";

/** Rows `GET /recordings` answers at most (the newest). */
export const RECORDINGS_LIST_MAX = 50;
const ROOM = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

function refuse(res: express.Response, status: number, error: string, message: string, code?: number): void {
  res.status(status).setHeader("Cache-Control", "no-store");
  res.json(code === undefined ? { error, message } : { error, code, message });
}

/**
 * The file of recording `<room>/<name>` under `root` (`<root>/<room>/<name>.rec`), or null for an
 * id that is not one: only letters, digits, `_`, `-` and `.` (no `..`, no slash, no absolute path),
 * and the resolved path must lie inside `root` (checked again, in case the rules above ever loosen).
 */
export function recordingPath(root: string, room: string, name: string): string | null {
  if (!ROOM.test(room) || !NAME.test(name) || name.includes("..")) return null;
  const file = path.resolve(root, room, `${name}.rec`);
  const rel = path.relative(path.resolve(root), file);
  return rel.startsWith("..") || path.isAbsolute(rel) ? null : file;
}

/** The summary a listing row shows, read from the whole file (cached by path and mtime). */
function summarize(id: string, recording: Recording, bytes: number): RecordingListing {
  const { header, lines } = recording;
  let endTick = header.startTick;
  const players: RecordingListing["players"] = [];
  for (const line of lines) {
    if (line[0] === RecLine.Seat) players.push({ name: String(line[4]), bot: line[6] === 1 });
    // A rolled-over file begins with a keyframe: those seated before it are listed there.
    else if (line[0] === RecLine.Keyframe && line === lines[0]) {
      for (const [, , , name, bot] of (line[4] as KeyframeData).seats) players.push({ name: String(name), bot: bot === 1 });
    }
    else if (line[0] === RecLine.Tick || line[0] === RecLine.End) endTick = Math.max(endTick, line[1] as number);
  }
  return {
    id, room: header.room, roomId: header.roomId, startedAtMs: header.startedAtMs, ticks: endTick - header.startTick,
    tickHz: Number(header.config.tickHz) || 0, players, bytes, complete: recording.complete,
  };
}

/** Whether this server defines room type `name` (Colyseus's getHandler throws for none). */
function hasRoomType(name: string): boolean {
  try {
    matchMaker.getHandler(name);
    return true;
  } catch {
    return false;
  }
}

const summaries = new Map<string, { mtimeMs: number; listing: RecordingListing | null }>();

/**
 * `GET /recordings[?room=<type>]`: the newest recordings of this process (at most
 * RECORDINGS_LIST_MAX), newest first, as `{ recordings: RecordingListing[] }`. A file that cannot
 * be read is left out. 404 `recordings_off` when the process keeps no recordings (RECORD).
 */
export function recordingsListHandler(): express.RequestHandler {
  return (req, res, next) => {
    const settings = recordingSettings();
    if (!settings) return refuse(res, 404, "recordings_off", "this server does not record rooms (it was started with RECORD=0)");
    const room = typeof req.query.room === "string" ? req.query.room : undefined;
    if (room !== undefined && !ROOM.test(room)) return refuse(res, 400, "invalid_room_type", "room must be a room type name");
    list(settings.dir, room).then((recordings) => {
      res.setHeader("Cache-Control", "no-store");
      res.json({ recordings });
    }, next);
  };
}

async function list(root: string, room: string | undefined): Promise<RecordingListing[]> {
  const files = (await listRecordings(root)).filter((f) => room === undefined || path.basename(path.dirname(f.path)) === room).slice(0, RECORDINGS_LIST_MAX);
  const rows: RecordingListing[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    seen.add(file.path);
    let cached = summaries.get(file.path);
    if (!cached || cached.mtimeMs !== file.mtimeMs) {
      const id = `${path.basename(path.dirname(file.path))}/${path.basename(file.path, ".rec")}`;
      let listing: RecordingListing | null = null;
      try {
        listing = summarize(id, readRecording(await fs.readFile(file.path)), file.bytes);
      } catch (err) {
        logger.warn({ err: (err as Error).message, file: path.basename(file.path) }, "a recording could not be read for the listing");
      }
      cached = { mtimeMs: file.mtimeMs, listing };
      summaries.set(file.path, cached);
    }
    if (cached.listing) rows.push(cached.listing);
  }
  // Keep the cache to what the listing shows (files pruned or past the newest are forgotten).
  if (room === undefined) for (const key of summaries.keys()) if (!seen.has(key)) summaries.delete(key);
  return rows;
}

/**
 * `POST /replays/:room/:name[?at=<tick>]` (Authorization: Bearer, like matchmaking): open a replay
 * room of recording `<room>/<name>` started at tick `at` (fast-forwarded; default its start) and
 * answer a spectator seat in it (`{ room, sessionId }`, taken up with consumeSeatReservation),
 * as POST /spectate does. Refusals (JSON `{ error, message }`): 400 `invalid_recording_id`,
 * 400 `invalid_tick`, 404 `recordings_off`, 404 `recording_not_found`, 422 `unreadable_recording`,
 * 404 `room_type_not_found` (recorded by a game this server does not run), the gate's 401
 * `auth_failed` / 429 `join_refused`, 429 `too_many_replays` (REPLAY_ROOMS_PER_ADDRESS),
 * 503 `replays_busy` (REPLAY_ROOMS_MAX).
 */
export function replayHandler(app: express.Express): express.RequestHandler {
  const addressOf = clientAddressOf(app);
  return (req, res, next) => {
    openReplay(req, res, addressKey(addressOf(req))).catch(next);
  };
}

async function openReplay(req: express.Request, res: express.Response, address: string): Promise<void> {
  const settings = recordingSettings();
  if (!settings) return refuse(res, 404, "recordings_off", "this server does not record rooms (it was started with RECORD=0)");
  const room = String(req.params.room ?? "");
  const name = String(req.params.name ?? "");
  const file = recordingPath(settings.dir, room, name);
  if (!file) return refuse(res, 400, "invalid_recording_id", "a recording id is <room type>/<file name>, letters, digits, '_', '-' and '.' only");
  const atRaw = req.query.at;
  const at = atRaw === undefined ? undefined : Number(atRaw);
  if (at !== undefined && (typeof atRaw !== "string" || !Number.isInteger(at) || at < 0 || at > 0xffffffff)) {
    return refuse(res, 400, "invalid_tick", "at must be a whole tick number");
  }
  let bytes: Buffer;
  try {
    const st = await fs.stat(file);
    if (!st.isFile() || st.size > settings.maxFileBytes) throw new Error("not a recording file");
    bytes = await fs.readFile(file);
  } catch {
    return refuse(res, 404, "recording_not_found", `no recording ${JSON.stringify(`${room}/${name}`.slice(0, 100))}`);
  }
  let recording: Recording;
  try {
    recording = readRecording(bytes);
  } catch (err) {
    if (!(err instanceof RecordingError)) throw err;
    return refuse(res, 422, "unreadable_recording", err.message.slice(0, 200));
  }
  if (recording.header.room !== room || !hasRoomType(room)) {
    return refuse(res, 404, "room_type_not_found", `this server runs no room type ${JSON.stringify(recording.header.room.slice(0, 32))}`);
  }
  const admitted = await admitSpectator(req);
  if ("refused" in admitted) {
    const { status, error, code, message } = admitted.refused;
    return refuse(res, status, error, message, code);
  }
  const { options: seatOptions, auth } = admitted;
  const atTick = Math.max(recording.header.startTick, at ?? recording.header.startTick);
  const offered = offerReplay({ recordingId: `${room}/${name}`, recording, atTick, address });
  if ("refused" in offered) {
    return offered.refused === "replays_busy"
      ? refuse(res, 503, "replays_busy", "every replay room of this server is in use; try again later")
      : refuse(res, 429, "too_many_replays", "this address has the most replay rooms open it may (REPLAY_ROOMS_PER_ADDRESS)");
  }
  try {
    const listing = await matchMaker.createRoom(room, { replay: offered.token });
    const reservation = await matchMaker.reserveSeatFor(listing, seatOptions, auth);
    res.setHeader("Cache-Control", "no-store");
    res.json(reservation);
  } finally {
    withdrawReplay(offered.token);
  }
}
