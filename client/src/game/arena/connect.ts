import { Client, type Room } from "colyseus.js";
import { PATCH_HZ, TICK_HZ, type ArenaInput, type ArenaPlayer, type ArenaState } from "@arena/shared";
import { NetSession } from "../../net/index.js";
import type { LaunchOptions } from "../launch-options.js";
import { arenaClientType, type ArenaBody } from "./arena-room-type.js";
import { RoomFeed } from "./room-feed.js";

/** The netcode session of the arena, fully typed. */
export type ArenaSession = NetSession<ArenaState, ArenaPlayer, ArenaBody, ArenaInput>;

/** A joined arena: the room, its netcode session and the feed of non-state messages. */
export interface ArenaConnection {
  room: Room<ArenaState>;
  session: ArenaSession;
  feed: RoomFeed;
}

/**
 * WebSocket endpoint of the game server. The built client is served by the game server itself
 * (same origin); under `vite dev` the page comes from Vite, so go to the server's port directly.
 */
export function serverEndpoint(): string {
  if (import.meta.env.DEV) return `ws://${window.location.hostname || "localhost"}:2567`;
  return window.location.origin.replace(/^http/, "ws");
}

/** Join (or create) an arena room and start the client netcode on it. */
export async function connectArena(options: LaunchOptions, endpoint = serverEndpoint()): Promise<ArenaConnection> {
  const client = new Client(endpoint);
  const room = await client.joinOrCreate<ArenaState>("arena", { name: options.name });
  const feed = new RoomFeed(room);
  // Closing or reloading the tab is a deliberate leave: free the seat now instead of holding it for a reconnect.
  window.addEventListener("pagehide", () => void room.leave(true), { once: true });
  await firstState(room);
  const session: ArenaSession = new NetSession(room, arenaClientType, { tickHz: TICK_HZ, patchHz: PATCH_HZ, link: options.link });
  return { room, session, feed };
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
