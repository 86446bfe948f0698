import net from "node:net";

/**
 * A TCP proxy on 127.0.0.1 that a test (or the soak tool) puts between its clients and the game
 * server, to inject network faults from outside the client: cut a connection, or stall it so the
 * bytes back up. Any client works through it unchanged (colyseus.js with Node's own WebSocket or
 * the `ws` package, a browser, raw sockets): it only has to use the proxy's port in its endpoint.
 * Colyseus answers matchmaking without an address (unless PUBLIC_ADDRESS is set), so colyseus.js
 * opens the room's WebSocket at the host:port it matchmade with: through the proxy too.
 *
 * Loopback only, bytes forwarded as they are (no parsing beyond noting the first line a client
 * sends, which for a WebSocket is the HTTP request line naming the room and session).
 */

/** Which way bytes stop flowing: client → server, server → client, or both. */
export type FlowDirection = "toServer" | "toClient" | "both";

/** At most this many bytes of a connection's first line are kept (a request line is far shorter). */
const MAX_REQUEST_LINE_CHARS = 4096;

/** One pump (one direction of a connection): reads `from`, writes `to`, honours both backpressure and a stall. */
class Pump {
  stalled = false;
  bytes = 0;
  private waitingForDrain = false;

  constructor(private readonly from: net.Socket, private readonly to: net.Socket, onChunk: (chunk: Buffer) => void) {
    from.on("data", (chunk: Buffer) => {
      this.bytes += chunk.length;
      onChunk(chunk);
      if (!to.write(chunk) && !this.waitingForDrain) {
        this.waitingForDrain = true;
        from.pause();
        to.once("drain", () => {
          this.waitingForDrain = false;
          if (!this.stalled) from.resume();
        });
      }
    });
  }

  stall(): void {
    this.stalled = true;
    this.from.pause();
  }

  resume(): void {
    this.stalled = false;
    if (!this.waitingForDrain) this.from.resume();
  }
}

/** One client connection through the proxy and its own connection to the server. */
export class ProxiedConnection {
  /** The first line the client sent (for a WebSocket: `GET /<processId>/<roomId>?sessionId=… HTTP/1.1`); "" until it arrived. */
  requestLine = "";
  /** True once either side closed or `cut()` ran; a closed connection leaves `FaultProxy.connections`. */
  closed = false;
  private readonly toServer: Pump;
  private readonly toClient: Pump;
  private firstBytes = "";

  constructor(readonly id: number, private readonly client: net.Socket, private readonly server: net.Socket, onClosed: () => void) {
    client.setNoDelay(true);
    server.setNoDelay(true);
    this.toServer = new Pump(client, server, (chunk) => this.noteRequestLine(chunk));
    this.toClient = new Pump(server, client, () => undefined);
    // A FIN from one side is passed on once its bytes are written (a polite close stays polite).
    client.on("end", () => server.end());
    server.on("end", () => client.end());
    let closedSides = 0;
    const onSideClosed = (other: net.Socket) => (hadError: boolean) => {
      this.closed = true;
      if (hadError) other.destroy();
      if (++closedSides === 2) onClosed();
    };
    client.on("close", onSideClosed(server));
    server.on("close", onSideClosed(client));
    // Errors (a reset, a refused server) end in "close"; without a listener they would throw.
    client.on("error", () => server.destroy());
    server.on("error", () => client.destroy());
  }

  /** Bytes forwarded from the client to the server so far. */
  get bytesToServer(): number {
    return this.toServer.bytes;
  }

  /** Bytes forwarded from the server to the client so far. */
  get bytesToClient(): number {
    return this.toClient.bytes;
  }

  /**
   * Drop the connection: both sides are reset at once (TCP RST, bytes in flight discarded), so
   * neither gets a WebSocket close frame, as when a network path dies or a middlebox gives up on
   * it. Each side learns of it from its own socket (a WebSocket closes with 1006).
   */
  cut(): void {
    this.closed = true;
    this.client.resetAndDestroy();
    this.server.resetAndDestroy();
  }

  /**
   * Stop reading in `direction`: what the peer sends that way backs up in the kernel's buffers and
   * then in the sender's own socket (its writes stop completing), as with a peer that stops
   * reading or a path that stops delivering. The connection stays open. Nothing is lost.
   */
  stall(direction: FlowDirection = "both"): void {
    if (direction !== "toClient") this.toServer.stall();
    if (direction !== "toServer") this.toClient.stall();
  }

  /** Forward again in `direction` what a `stall` held back. */
  resume(direction: FlowDirection = "both"): void {
    if (direction !== "toClient") this.toServer.resume();
    if (direction !== "toServer") this.toClient.resume();
  }

  private noteRequestLine(chunk: Buffer): void {
    if (this.requestLine || this.firstBytes.length >= MAX_REQUEST_LINE_CHARS) return;
    this.firstBytes += chunk.toString("latin1", 0, Math.min(chunk.length, MAX_REQUEST_LINE_CHARS - this.firstBytes.length));
    const end = this.firstBytes.indexOf("\r\n");
    if (end >= 0) this.requestLine = this.firstBytes.slice(0, end);
  }
}

/** The URL an HTTP request line asks for (`GET /a/b?c=d HTTP/1.1`), or null if it is not one. */
function requestTarget(requestLine: string): URL | null {
  const target = requestLine.split(" ")[1];
  if (!target?.startsWith("/")) return null;
  try {
    return new URL(target, "http://proxy.invalid");
  } catch {
    return null;
  }
}

/** A running proxy: 127.0.0.1:`port` forwards to the server's port. */
export interface FaultProxy {
  readonly port: number;
  /** Live connections, oldest first. */
  connections(): ProxiedConnection[];
  /**
   * The live connection carrying `room`'s WebSocket (the newest, if a reconnect opened another):
   * the one whose request line names its room id and session id. Throws if there is none.
   */
  connectionOf(room: { roomId: string; sessionId: string }): ProxiedConnection;
  /** Stop listening and reset every live connection. */
  close(): Promise<void>;
}

/** Start a proxy on 127.0.0.1 (a free port) in front of `targetPort` on `targetHost`. */
export async function startFaultProxy(targetPort: number, targetHost = "127.0.0.1"): Promise<FaultProxy> {
  const live = new Set<ProxiedConnection>();
  let nextId = 1;
  const listener = net.createServer((client) => {
    const server = net.connect(targetPort, targetHost);
    const connection = new ProxiedConnection(nextId++, client, server, () => live.delete(connection));
    live.add(connection);
  });
  await new Promise<void>((resolve, reject) => {
    listener.once("error", reject);
    listener.listen(0, "127.0.0.1", () => resolve());
  });
  const address = listener.address();
  if (!address || typeof address !== "object") throw new Error("fault proxy: no port");
  const connections = () => [...live].filter((c) => !c.closed);
  return {
    port: address.port,
    connections,
    connectionOf: (room) => {
      const matches = connections().filter((c) => {
        const target = requestTarget(c.requestLine);
        return target?.pathname.endsWith(`/${room.roomId}`) && target.searchParams.get("sessionId") === room.sessionId;
      });
      const newest = matches.at(-1);
      if (!newest) throw new Error(`fault proxy: no live connection for session ${room.sessionId} in room ${room.roomId}`);
      return newest;
    },
    close: async () => {
      for (const connection of live) connection.cut();
      live.clear();
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    },
  };
}
