import fs from "node:fs";
import net from "node:net";
import path from "node:path";

/**
 * Small helpers for the project's own tooling (tests, bench, cluster and screenshot scripts)
 * that start servers on this machine. Loopback only.
 */

/** A port nobody listens on right now on 127.0.0.1: listen on 0 and read the port back. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Whether a Redis on 127.0.0.1:`port` answers PING (false on refusal or after 500 ms). */
export function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.setTimeout(500, () => socket.destroy());
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (buf) => {
      socket.destroy();
      resolve(buf.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
    socket.once("close", () => resolve(false));
  });
}

/** Debian's redis-server, or one on PATH; null when not installed. */
export function findRedisServer(): string | null {
  if (fs.existsSync("/usr/bin/redis-server")) return "/usr/bin/redis-server";
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "redis-server");
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return null;
}
