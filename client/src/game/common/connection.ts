import { Client, type Room } from "colyseus.js";
import {
  NetSession, ReplayClock, Reconnector, firstState, loginAsGuest, reserveReplaySeat, reserveSpectatorSeat, type ClientRoomType, type ConnectionStatus, type PredictedBody, type RoomGone, type SessionState,
} from "../../net/index.js";
import type { JoinTarget, LaunchOptions, ReplayTarget, WatchSeat } from "./launch-options.js";
import { startReplayControls } from "./replay-controls.js";
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
  private readonly goneListeners: ((gone: RoomGone) => void)[] = [];

  constructor(readonly reconnector: Reconnector<S>, readonly session: NetSession<S, P, B, I>, readonly feed: RoomFeed) {
    reconnector.onStatus((status) => {
      if (status === "connected") return; // wait for the state, below
      this.status = status;
      // No pings or delayed sends into a dead socket (the browser logs each as an error).
      session.dispose();
      const gone = reconnector.roomGone;
      if (status === "closed" && gone) for (const l of this.goneListeners) l(gone);
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

  /**
   * Called once when the room is lost for good but a new room of the same type may be joined
   * (the server restarted or crashed, the seat expired): the connect scene takes over and rejoins.
   */
  onRoomGone(listener: (gone: RoomGone) => void): void {
    this.goneListeners.push(listener);
  }

  /** True while inputs may be sent: attached and the socket open (not closing). */
  get live(): boolean {
    return this.status === "connected" && this.room.connection.isOpen;
  }
}

/**
 * WebSocket endpoint of the game server (its http(s) twin serves the guest login). The built
 * client is served by the game server itself (same origin); under `vite dev` the page comes from
 * Vite, so go to the server's port (`PORT`) directly.
 */
export function serverEndpoint(): string {
  // The port comes from PORT through client/vite.config.ts (npm run dev).
  if (import.meta.env.DEV) return `ws://${window.location.hostname || "localhost"}:${String(import.meta.env.VITE_GAME_SERVER_PORT ?? 2567)}`;
  return window.location.origin.replace(/^http/, "ws");
}

/** HTTP base of the game server for a WebSocket endpoint (under vite dev: the page origin, which proxies /auth). */
export function httpBase(endpoint: string): string {
  return import.meta.env.DEV ? window.location.origin : endpoint.replace(/^ws/, "http");
}

/**
 * Log in as a guest and reserve a spectator seat in room `roomId` (POST /spectate, docs/protocol.md
 * "Spectators"). The page does this before loading the game: the reservation's `room.name` says
 * which game's scene draws the room. connectGame takes the seat up (target kind "watch").
 */
export async function reserveWatchSeat(options: LaunchOptions, roomId: string, endpoint = serverEndpoint()): Promise<WatchSeat> {
  const client = new Client(endpoint);
  const login = await loginAsGuest(httpBase(endpoint), options.name);
  client.auth.token = login.token;
  return { client, reservation: await reserveSpectatorSeat(client, httpBase(endpoint), roomId) };
}

/** Log in as a guest and open a replay room of `replay` (POST /replays): its seat, as reserveWatchSeat's. */
export async function reserveReplayWatchSeat(options: LaunchOptions, replay: ReplayTarget, endpoint = serverEndpoint()): Promise<WatchSeat> {
  const client = new Client(endpoint);
  const login = await loginAsGuest(httpBase(endpoint), options.name);
  client.auth.token = login.token;
  return { client, reservation: await reserveReplaySeat(client, httpBase(endpoint), replay.id, replay.atTick) };
}

/** Join per the target: quick play (the fullest room with space, else a new one), a new room, one room by id, or watch one. */
async function joinTarget<S>(client: Client, target: JoinTarget): Promise<Room<S>> {
  switch (target.kind) {
    case "watch":
      return client.consumeSeatReservation<S>(target.seat!.reservation as never);
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
  if (target.kind === "watch") {
    // A seat reserved by the page (it named the game); without one (a rejoin), reserve one now.
    // Each seat is taken up once: a later connect (a rejoin) reserves a new one.
    const seat = target.seat ?? (target.replay ? await reserveReplayWatchSeat(options, target.replay, endpoint) : await reserveWatchSeat(options, target.roomId, endpoint));
    target.seat = undefined;
    target = { ...target, seat };
  }
  const client = target.kind === "watch" ? target.seat!.client : new Client(endpoint);
  if (target.kind !== "watch") client.auth.token = (await loginAsGuest(httpBase(endpoint), options.name)).token;
  const room = await joinTarget<S>(client, target);
  const feed = new RoomFeed(room, feedTypes);
  // The session runs at the room's own rates, which come with the first state.
  await firstState(room);
  // A spectator's session: no inputs, no prediction; the scene shows it through a WatchCamera.
  const replay = target.kind === "watch" ? target.replay : undefined;
  const replayClock = replay ? new ReplayClock() : undefined;
  const session = new NetSession<S, P, B, I>(room, roomType, { link: options.link, watching: target.kind === "watch", replayClock });
  const conn = new GameConnection(new Reconnector(client, room, { graceMs: RECONNECT_GRACE_MS }), session, feed);
  if (replay && replayClock) startReplayControls({ client, httpBase: httpBase(endpoint), recordingId: replay.id, clock: replayClock, reconnector: conn.reconnector as unknown as Reconnector<unknown> });
  return conn;
}
