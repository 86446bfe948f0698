import type http from "node:http";
import type net from "node:net";
import { Counter } from "prom-client";
import { metricsRegistry } from "../framework/index.js";

/**
 * Bytes on the wire of every HTTP and WebSocket connection (WebSocket frames ride the upgraded
 * HTTP socket), counted from Node's socket counters: payload plus framing, before any TLS added
 * by a proxy in front. Read at scrape time, so the hot path pays nothing.
 */
const openSockets = new Set<net.Socket>();
let closedWritten = 0;
let closedRead = 0;
let reportedWritten = 0;
let reportedRead = 0;

new Counter({
  name: "game_bytes_sent_total",
  help: "Bytes written to client sockets (HTTP and WebSocket, before TLS)",
  registers: [metricsRegistry],
  collect() {
    let total = closedWritten;
    for (const socket of openSockets) total += socket.bytesWritten;
    if (total > reportedWritten) this.inc(total - reportedWritten);
    reportedWritten = Math.max(reportedWritten, total);
  },
});

new Counter({
  name: "game_bytes_received_total",
  help: "Bytes read from client sockets (HTTP and WebSocket, before TLS)",
  registers: [metricsRegistry],
  collect() {
    let total = closedRead;
    for (const socket of openSockets) total += socket.bytesRead;
    if (total > reportedRead) this.inc(total - reportedRead);
    reportedRead = Math.max(reportedRead, total);
  },
});

/** Count the bytes of every connection `server` accepts from now on. */
export function trackSocketBytes(server: http.Server): void {
  server.on("connection", (socket: net.Socket) => {
    openSockets.add(socket);
    socket.once("close", () => {
      openSockets.delete(socket);
      closedWritten += socket.bytesWritten;
      closedRead += socket.bytesRead;
    });
  });
}
