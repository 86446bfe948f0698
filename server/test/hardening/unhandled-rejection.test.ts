import { afterAll, describe, expect, it } from "vitest";
import { Children, joinVia, startServer, until } from "../cluster/harness.js";

const children = new Children();
afterAll(() => children.killAll());

// A module preloaded into the real server process (node --import) that leaves a promise
// rejected with nobody handling it, 1 s after start: what a stray bug in a room or a library does.
// (URL-encoded: NODE_OPTIONS splits on spaces.)
const STRAY = `data:text/javascript,${encodeURIComponent("setTimeout(() => { Promise.reject(new Error('stray rejection from a test')); }, 1000);")}`;

describe("an unhandled promise rejection in the server process", () => {
  it("is logged and the process keeps serving its players", async () => {
    const proc = await startServer(children, "stray", undefined, { NODE_OPTIONS: `--import=${STRAY}`, LOG_LEVEL: "error" });
    const room = await joinVia(proc, "survivor");
    const line = await until(() => proc.output().split("\n").find((l) => l.includes("unhandled promise rejection")), 5000, "the log line");
    const record = JSON.parse(line) as { level: number; msg: string; err: { message: string } };
    expect(record).toMatchObject({ level: 50, msg: "unhandled promise rejection", err: { message: "stray rejection from a test" } });
    // Still alive and still running the room: an input is acked after the rejection.
    expect(proc.child.exitCode).toBeNull();
    room.send("input", { seq: 1, moveX: 1, moveY: 0, aim: 0, fire: false });
    await until(() => room.state.players.get(room.sessionId)?.ack === 1, 3000, "input acked after the rejection");
    expect((await fetch(`${proc.httpUrl}/healthz`)).status).toBe(200);
    await room.leave();
  });
});
