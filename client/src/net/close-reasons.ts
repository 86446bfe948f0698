import { CloseCode, JoinErrorCode } from "@arena/shared";

/**
 * Why the connection ended, in words a player understands, from its WebSocket close code (see
 * docs/protocol.md, Close codes); codes without a text of their own get a generic one.
 */
export function describeCloseCode(code: number): string {
  switch (code) {
    case CloseCode.Consented:
      return "You left the room.";
    case CloseCode.ServerShutdown:
      return "The server restarted. Rejoin from the lobby.";
    case CloseCode.Abuse:
      return "The server closed the connection: too many invalid messages, or inputs sent faster than the game runs.";
    case CloseCode.Idle:
      return "You were disconnected for inactivity (no input for a while). Rejoin from the lobby to play again.";
    case CloseCode.UndecodableMessage:
      return "The server closed the connection: it could not read a message from this client.";
    case CloseCode.RoomError:
      return "The room stopped because of a server error. Join another room.";
    default:
      return `Disconnected (code ${code}).`;
  }
}

/**
 * What to do about a refused join, in words, from the `code` of the matchmaking answer (see
 * docs/protocol.md, Matchmaking); null for a code without a text of its own (the caller shows
 * the server's message then).
 */
export function describeJoinError(code: number): string | null {
  switch (code) {
    case JoinErrorCode.AuthFailed:
      return "Your login was not accepted (expired or invalid). Reload the page to log in again.";
    case JoinErrorCode.TooManyReservations:
      return "Too many joins in progress from this browser or network. Wait a few seconds, then try again.";
    case JoinErrorCode.TooManyRoomsCreated:
      return "Too many rooms created from this browser or network in the last minute. Join an existing room from the lobby, or wait a minute.";
    case JoinErrorCode.TooManySessions:
      return "You are already playing in too many tabs or rooms (or too many players share your network). Leave a game, then try again.";
    case JoinErrorCode.ReconnectIdentityMismatch:
      return "That seat belongs to another player. Join from the lobby instead.";
    default:
      return null;
  }
}
