import { CloseCode } from "@arena/shared";

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
