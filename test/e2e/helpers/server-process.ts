/** The real server process for the browser tests: see server/src/tools/server-process.ts (the bench starts it too). */
export { ROOT, freePort, startServerProcess, type ServerProcess } from "../../../server/src/tools/server-process.js";
