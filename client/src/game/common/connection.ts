import { Client, type Room } from "colyseus.js";
import { CloseCode } from "@arena/shared";
import {
  NetSession, Reconnector, describeJoinError, firstState, loginAsGuest, type ClientRoomType, type ConnectionStatus, type PredictedBody, type SessionState,
} from "../../net/index.js";
import type { JoinTarget, LaunchOptions } from "./launch-options.js";
import { RoomFeed } from "./room-feed.js";

/** How long a dropped connection is retried; the server's default reconnect grace (RECONNECT_GRACE_SEC). */
const RECONNECT_GRACE_MS = 20_000;

/**
 * A joined game room: the netcode session, the feed of non-state messages and the reconnector
 * that replaces the room after a dropped connection. `status` turns "connected" again only once
 * the session is attached to the new room and its state has arrived. Game-agnostic.
 */
export class GameConnection<S extends SessionState<P>, P extends { ack: number }, B extends PredictedBody, I extends { seq: number; viewTick?: number }> {
  status: ConnectionStatus = "connected";

  constructor(readonly reconnector: Reconnector<S>, readonly session: NetSession<S, P, B, I>, readonly feed: RoomFeed) {
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

  get room(): Room<S> {
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

/** HTTP base of the game server for a WebSocket endpoint (under vite dev: the page origin, which proxies /auth). */
export function httpBase(endpoint: string): string {
  return import.meta.env.DEV ? window.location.origin : endpoint.replace(/^ws/, "http");
}

/** Join per the target: quick play (the fullest room with space, else a new one), a new room, or one room by id. */
async function joinTarget<S>(client: Client, target: JoinTarget): Promise<Room<S>> {
  switch (target.kind) {
    case "quick":
      return client.joinOrCreate<S>(target.roomName);
    case "create":
      return client.create<S>(target.roomName);
    case "id":
      return client.joinById<S>(target.roomId);
  }
}

/**
 * Log in as a guest (the server only seats players with a signed token), join the target room
 * and start the client netcode on it with the room type's prediction rules.
 * `feedTypes` are the game's own message types to collect from the start (e.g. "shot").
 */
export async function connectGame<S extends SessionState<P>, P extends { ack: number }, B extends PredictedBody, I extends { seq: number; viewTick?: number }>(
  options: LaunchOptions, target: JoinTarget, roomType: ClientRoomType<P, B, I, S>, feedTypes: readonly string[] = [], endpoint = serverEndpoint(),
): Promise<GameConnection<S, P, B, I>> {
  const client = new Client(endpoint);
  const login = await loginAsGuest(httpBase(endpoint), options.name);
  client.auth.token = login.token;
  const room = await joinTarget<S>(client, target);
  const feed = new RoomFeed(room, feedTypes);
  // The session runs at the room's own rates, which come with the first state.
  await firstState(room);
  const session = new NetSession<S, P, B, I>(room, roomType, { link: options.link });
  return new GameConnection(new Reconnector(client, room, { graceMs: RECONNECT_GRACE_MS }), session, feed);
}

/** A readable one-line reason for a failed join (colyseus.js rejects with assorted shapes). */
export function describeConnectError(err: unknown): string {
  const code = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  const advice = typeof code === "number" ? describeJoinError(code) : null;
  if (advice) return advice;
  if (err instanceof Error && err.message) return err.message;
  if (typeof err === "object" && err !== null) {
    const { message, type } = err as { message?: unknown; type?: unknown };
    if (typeof message === "string" && message) return code !== undefined ? `${message} (code ${String(code)})` : message;
    if (type === "error") return "the WebSocket connection failed";
  }
  return String(err) || "unknown error";
}
