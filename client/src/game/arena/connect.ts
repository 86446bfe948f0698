import { Client, type Room } from "colyseus.js";
import { CloseCode, PATCH_HZ, TICK_HZ, type ArenaInput, type ArenaPlayer, type ArenaState } from "@arena/shared";
import { NetSession, Reconnector, loginAsGuest, type ConnectionStatus } from "../../net/index.js";
import type { LaunchOptions } from "../launch-options.js";
import { arenaClientType, type ArenaBody } from "./arena-room-type.js";
import { RoomFeed } from "./room-feed.js";

/** The netcode session of the arena, fully typed. */
export type ArenaSession = NetSession<ArenaState, ArenaPlayer, ArenaBody, ArenaInput>;

/** How long a dropped connection is retried; the server's default reconnect grace (RECONNECT_GRACE_SEC). */
const RECONNECT_GRACE_MS = 20_000;

/**
 * A joined arena: the netcode session, the feed of non-state messages and the reconnector that
 * replaces the room after a dropped connection. `status` turns "connected" again only once the
 * session is attached to the new room and its state has arrived.
 */
export class ArenaConnection {
  status: ConnectionStatus = "connected";

  constructor(readonly reconnector: Reconnector<ArenaState>, readonly session: ArenaSession, readonly feed: RoomFeed) {
    reconnector.onStatus((status) => {
      if (status === "connected") return; // wait for the state, below
      // A shut-down server keeps no seats: retrying cannot succeed, so say so at once.
      if (status === "reconnecting" && reconnector.lastCloseCode === CloseCode.ServerShutdown) reconnector.dispose();
      this.status = status;
      // No pings or delayed sends into a dead socket (the browser logs each as an error).
      session.dispose();
    });
    reconnector.onRoom((room) => {
      feed.attach(room);
      firstState(room).then(
        () => {
          session.attach(room);
          this.status = "connected";
        },
        () => undefined, // it left again: the reconnector is already on it
      );
    });
    // Closing or reloading the tab is a deliberate leave: free the seat now instead of holding it.
    window.addEventListener("pagehide", () => {
      reconnector.dispose();
      void this.room.leave(true);
    }, { once: true });
  }

  get room(): Room<ArenaState> {
    return this.reconnector.current;
  }

  /** Close code of the last drop (0 before any). */
  get closeCode(): number {
    return this.reconnector.lastCloseCode;
  }

  /** True while inputs may be sent: attached and the socket open (not closing). */
  get live(): boolean {
    return this.status === "connected" && this.room.connection.isOpen;
  }
}

/**
 * WebSocket endpoint of the game server (its http(s) twin serves the guest login). The built
 * client is served by the game server itself (same origin); under `vite dev` the page comes from
 * Vite, so go to the server's port directly.
 */
export function serverEndpoint(): string {
  if (import.meta.env.DEV) return `ws://${window.location.hostname || "localhost"}:2567`;
  return window.location.origin.replace(/^http/, "ws");
}

/** Log in as a guest (the server only seats players with a signed token), join (or create) an arena room and start the client netcode on it. */
export async function connectArena(options: LaunchOptions, endpoint = serverEndpoint()): Promise<ArenaConnection> {
  const client = new Client(endpoint);
  // Under vite dev the page origin proxies /auth to the game server (no CORS needed).
  const login = await loginAsGuest(import.meta.env.DEV ? window.location.origin : endpoint.replace(/^ws/, "http"), options.name);
  client.auth.token = login.token;
  const room = await client.joinOrCreate<ArenaState>("arena", { name: options.name });
  const feed = new RoomFeed(room);
  await firstState(room);
  const session: ArenaSession = new NetSession(room, arenaClientType, { tickHz: TICK_HZ, patchHz: PATCH_HZ, link: options.link });
  return new ArenaConnection(new Reconnector(client, room, { graceMs: RECONNECT_GRACE_MS }), session, feed);
}

/**
 * Wait until the room's state has been decoded once. colyseus.js resolves a join before the
 * full state arrives (until then `state.players` is undefined), and NetSession reads it at once.
 */
function firstState(room: Room<ArenaState>, timeoutMs = 10_000): Promise<void> {
  if (room.state?.players) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no state from the server within ${timeoutMs} ms`)), timeoutMs);
    room.onStateChange.once(() => {
      clearTimeout(timer);
      resolve();
    });
    room.onLeave.once((code) => {
      clearTimeout(timer);
      reject(new Error(`left the room before the first state (code ${code})`));
    });
  });
}

/** A readable one-line reason for a failed join (colyseus.js rejects with assorted shapes). */
export function describeConnectError(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  if (typeof err === "object" && err !== null) {
    const { message, code, type } = err as { message?: unknown; code?: unknown; type?: unknown };
    if (typeof message === "string" && message) return code !== undefined ? `${message} (code ${String(code)})` : message;
    if (type === "error") return "the WebSocket connection failed";
  }
  return String(err) || "unknown error";
}
