import fs from "node:fs";
import net from "node:net";

/** What a raw HTTP exchange got back: the parsed answer (if one came), and how the socket ended. */
export interface RawAnswer {
  /** Status code, or undefined when no status line came before the socket closed or `timeoutMs` passed. */
  status?: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
  /** Everything received. */
  raw: string;
  /** The server closed the connection (before `timeoutMs`). */
  closedByServer: boolean;
  /** Bytes this client wrote. */
  bytesSent: number;
}

export interface RawOptions {
  /** Give up (and destroy the socket) after this long. */
  timeoutMs?: number;
  /** Source address to bind (any 127/8 address works on Linux loopback). */
  localAddress?: string;
  /** Called once connected, to keep writing (e.g. a body in chunks) until `stop()` says the answer came. */
  feed?: (socket: net.Socket, stop: () => boolean) => Promise<void>;
}

/**
 * Write `request` (a whole or partial HTTP/1.1 request, bytes as given) on a fresh TCP socket to
 * 127.0.0.1:`port` and collect the answer until the server closes, a complete answer has arrived,
 * or `timeoutMs` passes. For hostile cases that `fetch` would not send (half requests, lying
 * lengths, bodies never finished).
 */
export function rawExchange(port: number, request: string, options: RawOptions = {}): Promise<RawAnswer> {
  const timeoutMs = options.timeoutMs ?? 3000;
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1", localAddress: options.localAddress });
    let raw = "";
    let closedByServer = false;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parseAnswer(raw), raw, closedByServer, bytesSent: socket.bytesWritten });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on("connect", () => {
      socket.write(request);
      void options.feed?.(socket, () => done || complete(raw)).catch(() => undefined);
    });
    socket.on("data", (chunk: Buffer) => {
      raw += chunk.toString("latin1");
      if (complete(raw)) finish();
    });
    socket.on("error", () => undefined);
    socket.on("close", () => {
      closedByServer = !done;
      finish();
    });
  });
}

/** Whether `raw` holds a status line, headers and a body of the announced length. */
function complete(raw: string): boolean {
  const end = raw.indexOf("\r\n\r\n");
  if (end < 0) return false;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(raw.slice(0, end));
  return length !== null && raw.length - end - 4 >= Number(length[1]);
}

function parseAnswer(raw: string): Pick<RawAnswer, "status" | "headers" | "body"> {
  const end = raw.indexOf("\r\n\r\n");
  if (end < 0) return { headers: {}, body: "" };
  const [statusLine, ...lines] = raw.slice(0, end).split("\r\n");
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? "");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: status ? Number(status[1]) : undefined, headers, body: raw.slice(end + 4) };
}

/** Open file descriptors of process `pid` (Linux /proc). */
export function openDescriptors(pid: number): number {
  return fs.readdirSync(`/proc/${pid}/fd`).length;
}
