/**
 * Node/V8 flags the game server process runs with: `npm start` (package.json), every process of
 * `npm run start:cluster` (scripts/cluster.js) and the bench's server process. They must be on
 * the command line (V8 reads them when it starts; `--single-threaded-gc` is not allowed in
 * NODE_OPTIONS); a unit test checks that the start script carries them.
 *
 * `--single-threaded-gc`: V8 collects garbage on the main thread only, without helper threads.
 * The server is meant to run one process per core (a core holds about a thousand players), so
 * helper threads have no idle core to run on: they take turns with the event loop on the same
 * core, and a parallel pause waits for helpers the scheduler has not run yet. Measured with
 * 1,024 players on one pinned core (docs/operations.md, "Node flags"): the longest event-loop
 * stall falls from 40-85 ms to 10-25 ms, the event-loop delay p99 from 7-10 ms to 5-6 ms, and
 * the process uses a few % less CPU in total.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ["--single-threaded-gc"];
