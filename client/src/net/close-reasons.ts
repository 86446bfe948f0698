import { CloseCode, JoinErrorCode } from "@arena/shared";
import { LoginError } from "./guest-login.js";

/**
 * What a player reads when a connection ends or a join is refused: one sentence for what
 * happened and one for what to do next, for every code docs/protocol.md lists (Close codes,
 * Matchmaking). A test reads that document and checks each code has a text of its own here.
 * Raw codes appear only in the fallback for a code nobody documented, and then with words.
 */

/** Close codes the browser's WebSocket reports itself (RFC 6455), beside the server's CloseCode. */
export const SocketCloseCode = {
  /** No close frame: the connection died (network, server crash). */
  Abnormal: 1006,
  /** A frame over the server's size limit. */
  TooBig: 1009,
} as const;

/** Colyseus's own matchmaking refusals (`ErrorCode` in @colyseus/core), beside this server's JoinErrorCode. */
export const ColyseusJoinCode = {
  /** No room type of that name on the server. */
  NoHandler: 4210,
  /** `join` found no room to join. */
  InvalidCriteria: 4211,
  /** That room id: not found, disposed, or locked (a full room locks itself). */
  InvalidRoomId: 4212,
  /** The room threw while creating or seating the player. */
  Unhandled: 4213,
  /** The seat reservation expired before the socket took it up (or a stale reconnection token). */
  Expired: 4214,
  /** The room refused the player for a reason of its own. */
  ApplicationError: 4216,
  /** The join options could not be read. */
  InvalidPayload: 4217,
} as const;

/** The sentence for a full room, also used by the lobby. */
export const ROOM_FULL_TEXT = "This room is full — pick another or quick play.";

/** Why the connection ended, in words, from its WebSocket close code (docs/protocol.md, Close codes). */
export function describeCloseCode(code: number): string {
  switch (code) {
    case SocketCloseCode.Abnormal:
      return "The connection to the game server was lost (network trouble, or the server stopped). Reload the page to join again.";
    case SocketCloseCode.TooBig:
      return "The server closed the connection: this client sent a message that was too large. Reload the page to join again.";
    case CloseCode.Consented:
      return "You left the room. Pick a game in the lobby to play again.";
    case CloseCode.UndecodableMessage:
      return "The server closed the connection: it could not read a message from this client, or it refused the join. Reload the page or go back to the lobby.";
    case CloseCode.ServerShutdown:
      return "The server is restarting. Wait a few seconds, then reload the page or quick play from the lobby.";
    case CloseCode.Abuse:
      return "You were disconnected for flooding: too many invalid messages, or inputs sent faster than the game runs. Reload the page to play again.";
    case CloseCode.Idle:
      return "You were disconnected for inactivity (no input for a while). Reload the page or go back to the lobby to play again.";
    case CloseCode.RoomError:
      return "The room stopped because of a server error. Join another room from the lobby, or quick play.";
    default:
      return `The connection closed unexpectedly (code ${code}). Reload the page, or go back to the lobby.`;
  }
}

/**
 * What to do about a refused join, in words, from the `code` of the matchmaking answer (or of
 * the socket that refused the join) and its server message (Colyseus's 4212 says "not found",
 * "has been disposed" or "is locked": a room that is gone, or full). Null for a code without a
 * text of its own.
 */
export function describeJoinError(code: number, message = ""): string | null {
  switch (code) {
    case JoinErrorCode.AuthFailed:
      return "Your login was not accepted (expired, or the server's key changed). Reload the page to log in again.";
    case JoinErrorCode.TooManyReservations:
      return "Too many joins in progress from this browser or network. Wait a few seconds, then try again.";
    case JoinErrorCode.TooManyRoomsCreated:
      return "Too many rooms created from this browser or network in the last minute. Join an existing room from the lobby, or wait a minute.";
    case JoinErrorCode.TooManySessions:
      return "You are already playing in too many tabs or rooms (or too many players share your network). Leave a game, then try again.";
    case JoinErrorCode.ReconnectIdentityMismatch:
      return "That seat belongs to another player. Join from the lobby instead.";
    case JoinErrorCode.SpectatorsFull:
      return "This room has as many spectators as it takes. Watch another room, or try again later.";
    case ColyseusJoinCode.NoHandler:
      return "This server has no game of that type (an old or mistyped link). Pick a game in the lobby.";
    case ColyseusJoinCode.InvalidCriteria:
      return "No open room of that game right now. Quick play opens one.";
    case ColyseusJoinCode.InvalidRoomId:
      return /\block(ed)?\b/i.test(message) ? ROOM_FULL_TEXT : "This room no longer exists (everyone left, or the server restarted). Quick play, or pick another room in the lobby.";
    case ColyseusJoinCode.Unhandled:
      return "The room could not take you in because of a server error. Try again, or pick another room in the lobby.";
    case ColyseusJoinCode.Expired:
      return "Joining took too long and the seat was given up. Reload the page to try again.";
    case ColyseusJoinCode.ApplicationError:
      return "The room refused the join. Pick another room in the lobby, or quick play.";
    case ColyseusJoinCode.InvalidPayload:
      return "The server could not read this join request. Reload the page; if it happens again, go back to the lobby.";
    default:
      return null;
  }
}

/** Why a join failed, in words, and whether the server answered at all (it did unless the network or the server is down). */
export interface JoinFailure {
  text: string;
  serverAnswered: boolean;
}

function describeLoginError(err: LoginError): string {
  if (err.status === 429) return "Too many logins from your network in a short time. Wait a few seconds, then reload the page.";
  if (err.status >= 500) return "The game server had a problem logging you in. Reload the page in a moment.";
  return `The game server refused the login (${err.error || `HTTP ${err.status}`}). Reload the page; if it happens again, go back to the lobby.`;
}

/**
 * A failed join (login, matchmaking or the room's socket; colyseus.js rejects with assorted
 * shapes) in words. Only a failure that got no answer at all suggests the server may be down.
 */
export function describeJoinFailure(err: unknown): JoinFailure {
  if (err instanceof LoginError) return { text: describeLoginError(err), serverAnswered: true };
  const fields = typeof err === "object" && err !== null ? (err as { code?: unknown; message?: unknown; type?: unknown }) : {};
  const message = typeof fields.message === "string" ? fields.message : "";
  if (typeof fields.code === "number") {
    const code = fields.code;
    if (code >= 400 && code < 600) {
      return { text: `The game server answered with an error (HTTP ${code}). Reload the page in a moment, or go back to the lobby.`, serverAnswered: true };
    }
    // A socket that closed before the join completed reports its close code.
    const text = describeJoinError(code, message) ?? (code < 4210 || code >= 4400 || code === CloseCode.ServerShutdown ? describeCloseCode(code)
      : `The server refused the join${message ? ` (${message})` : ""}. Go back to the lobby and pick another room, or quick play.`);
    return { text, serverAnswered: code !== SocketCloseCode.Abnormal };
  }
  if (fields.type === "error") {
    return { text: "The game connection could not be opened (a proxy or firewall may block WebSockets). Reload the page, or try another network.", serverAnswered: true };
  }
  return {
    text: "Could not reach the game server: it may be restarting, or your connection is down. Reload the page in a few seconds.",
    serverAnswered: false,
  };
}
