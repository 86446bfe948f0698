// A real colyseus.js arena client in a worker thread, so it keeps its own cadence while the test
// blocks the server's event loop (the test process's main thread). Plain JavaScript: worker threads
// do not get vitest's TypeScript transform; it runs the compiled @arena/shared (npm run build).
//
// It sends packed inputs as the browser client does (InputSender: encode, then predict the decoded
// record), `inputsPerSec` on a monotonic-clock accumulator, `perMessage` records per message, and
// predicts its own player exactly as client/src/net/predictor.ts does: on every patch, take the
// server body after `ack`, replay the inputs not yet acked, and count a correction when the result
// differs from the prediction.
//
// workerData: { url, token, name, inputsPerSec, perMessage }
// Messages in: "stop" (stop sending, flush) -> { type: "stopped", lastSeq }; "stats" -> { type: "stats", ... };
// "leave" -> { type: "left" }. Out on join: { type: "joined", roomId, sessionId }.
import { parentPort, workerData } from "node:worker_threads";
import { Client } from "colyseus.js";
import { ClientMessage, ServerMessage, TICK_SEC, decodeInputStats, unpackPoses } from "@arena/shared";
import { ARENA_MAP, ARENA_POSES, arenaInputCodec, stepMovement } from "@arena/shared/games/arena";

const { url, token, name, inputsPerSec, perMessage } = workerData;
const intervalMs = 1000 / inputsPerSec;
const size = arenaInputCodec.byteLength;

const client = new Client(url);
client.auth.token = token;
const room = await client.joinOrCreate("arena", { name });
const errors = {};
const inputStats = [];
room.onMessage(ServerMessage.Error, (e) => (errors[e.code] = (errors[e.code] ?? 0) + 1));
room.onMessage(ServerMessage.InputStats, (wire) => inputStats.push(decodeInputStats(wire)));
room.onMessage("*", () => undefined);

// Positions arrive packed (the arena's compact poses): unpacked into the players' plain x, y.
const readBody = (player, state, into) => {
  unpackPoses(ARENA_POSES, state);
  into.x = player.x;
  into.y = player.y;
  into.health = player.health;
  return into;
};
const step = (body, input) => {
  if (body.health > 0) stepMovement(body, input, TICK_SEC, ARENA_MAP);
};

let current = null;
const pending = [];
let ack = 0;
let corrections = 0;
let maxCorrectionPx = 0;
const server = { x: 0, y: 0, health: 0 };
room.onStateChange((state) => {
  const me = state.players?.get(room.sessionId);
  if (!me) return;
  readBody(me, state, server);
  if (!current) {
    current = { ...server };
    ack = me.ack;
    return;
  }
  ack = me.ack;
  while (pending.length > 0 && pending[0].seq <= ack) pending.shift();
  const replayed = { ...server };
  for (const input of pending) step(replayed, input);
  const errorPx = Math.hypot(replayed.x - current.x, replayed.y - current.y);
  if (errorPx > 0) {
    corrections++;
    maxCorrectionPx = Math.max(maxCorrectionPx, errorPx);
  }
  Object.assign(current, replayed);
});

const deadline = Date.now() + 5000;
while (!current) {
  if (Date.now() > deadline) throw new Error("paced client: own player never appeared");
  await new Promise((r) => setTimeout(r, 10));
}

// A route that turns every 40 inputs, so a skipped or doubled input moves the player elsewhere.
const DIRS = [[1, 0], [0, 1], [-1, 0.5], [0, -1], [1, 1], [-1, -1], [0.3, -0.7], [-1, 0]];
let seq = 0;
let sending = true;
const batch = new Uint8Array(size * perMessage);
let batched = 0;
const flush = () => {
  if (batched > 0 && room.connection.isOpen) room.sendBytes(ClientMessage.InputPacked, batch.slice(0, batched * size));
  batched = 0;
};
const sendOne = () => {
  const [moveX, moveY] = DIRS[Math.floor(seq / 40) % DIRS.length];
  const input = { seq: ++seq, moveX, moveY, aim: 0, fire: false, viewTick: 0 };
  const record = batch.subarray(batched * size, (batched + 1) * size);
  arenaInputCodec.encode(input, record);
  const decoded = arenaInputCodec.create();
  arenaInputCodec.decode(record, decoded);
  step(current, decoded);
  pending.push(decoded);
  if (++batched === perMessage) flush();
};
let nextMs = performance.now();
const timer = setInterval(() => {
  if (!sending) return;
  const now = performance.now();
  while (nextMs <= now) {
    nextMs += intervalMs;
    sendOne();
  }
}, 2);

parentPort.on("message", async (msg) => {
  if (msg === "stop") {
    sending = false;
    clearInterval(timer);
    flush();
    parentPort.postMessage({ type: "stopped", lastSeq: seq });
  } else if (msg === "stats") {
    parentPort.postMessage({ type: "stats", sent: seq, ack, pending: pending.length, corrections, maxCorrectionPx, errors, inputStats, predicted: { ...current }, server: { ...server } });
  } else if (msg === "leave") {
    clearInterval(timer);
    await room.leave(true).catch(() => undefined);
    parentPort.postMessage({ type: "left" });
  }
});
parentPort.postMessage({ type: "joined", roomId: room.roomId, sessionId: room.sessionId });
