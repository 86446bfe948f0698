import { LobbyRoom, type AuthContext, type Client } from "@colyseus/core";
import { matchmakingGate, type GateAuth } from "./matchmaking-gate.js";

/**
 * Colyseus's LobbyRoom (the live room list) behind the matchmaking gate, without a token: the
 * lobby shows only what `GET /rooms/<type>` shows anyone, and the lobby page lists rooms before
 * the player has logged in. What it can cost is still capped per address: seat reservations,
 * rooms created per minute (quick play, `joinOrCreate("lobby")`, creates one lobby and then
 * shares it) and sessions (a lobby socket counts as one).
 */
export class GatedLobbyRoom extends LobbyRoom {
  static override async onAuth(token: string | undefined, options: unknown, context: AuthContext): Promise<GateAuth> {
    return matchmakingGate().admit(token, options, context, true);
  }

  override async onCreate(options: unknown): Promise<void> {
    // The gate counts a reservation for as long as the seat waits (see GateOptions.seatReservationSec).
    this.setSeatReservationTime(matchmakingGate().seatReservationSec);
    await super.onCreate(options);
  }

  override onJoin(client: Client, options: Parameters<LobbyRoom["onJoin"]>[1], auth?: GateAuth): void {
    matchmakingGate().seated(client.sessionId, auth);
    super.onJoin(client, options);
  }

  override onLeave(client: Client): void {
    matchmakingGate().left(client.sessionId);
    super.onLeave(client);
  }
}
