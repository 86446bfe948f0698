import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { registerRoomTypes, type RoomTypeOptions } from "./app.js";
import { colyseusLogger, configureMatchmakingGate, logger, quotasFromEnv, type MatchmakingQuotas, type TickRoomConfig } from "./framework/index.js";
import { configureRecording, type RecordingSettings } from "./framework/recording/index.js";
import { configureReplayLimits, replayLimitsFromEnv, type ReplayLimits } from "./framework/recording/replay-rooms.js";
import { checkColyseusSeam } from "./framework/colyseus/index.js";
import { clientAddressOf } from "./http/client-address.js";
import { useCorsPolicyForMatchmaking } from "./http/colyseus-matchmake.js";
import { capConnectionsPerAddress } from "./http/connection-cap.js";
import { defaultCorsPolicy, type CorsPolicy } from "./http/cors.js";
import { guardRequests } from "./http/front-door.js";
import { createHttpApp } from "./http/http-app.js";
import { checkedHttpLimits, httpServerOptions, type HttpLimits } from "./http/http-limits.js";
import { trackSocketBytes } from "./http/socket-bytes.js";
import { attachScale, scaleServerOptions, type ScaleOptions } from "./scale/index.js";

export interface GameServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  /** Built client to serve at `/`; skipped when missing. */
  clientDir?: string;
  /** Install SIGTERM/SIGINT handlers that drain and exit (the real process only). */
  handleSignals?: boolean;
  /** Largest WebSocket frame accepted, in bytes; bigger frames close the socket. */
  maxPayloadBytes?: number;
  /** Keepalive: ping every `pingIntervalMs`; a socket missing `pingMaxRetries` pongs is closed. */
  pingIntervalMs?: number;
  pingMaxRetries?: number;
  /** Framework settings for every room (e.g. a short reconnect grace in tests). */
  roomConfig?: Partial<TickRoomConfig>;
  /** Presence, matchmaking driver and public address for many processes (see scale/); in-process when omitted. */
  scale?: ScaleOptions;
  /** Options of particular room types (see app.ts RoomTypeOptions). */
  roomTypes?: RoomTypeOptions;
  /** HTTP timeouts, per-address connection cap and body limit; defaults `DEFAULT_HTTP_LIMITS` (main.ts: from HTTP_* env). */
  httpLimits?: Partial<HttpLimits>;
  /** Other origins allowed to call the HTTP API (main.ts: from CORS_ORIGINS); default the game's own origin only. */
  cors?: CorsPolicy;
  /** Matchmaking quotas per identity and per address; unset ones come from QUOTA_* (see framework/quotas.ts). */
  quotas?: Partial<MatchmakingQuotas>;
  /** Where and how rooms record (main.ts: from RECORD_* and DATA_DIR); omitted or null: rooms do not record. */
  recording?: RecordingSettings | null;
  /** Bounds on replay rooms; unset ones come from REPLAY_* (see framework/recording/replay-rooms.ts). */
  replayLimits?: Partial<ReplayLimits>;
}

export interface RunningGameServer {
  gameServer: Server;
  httpServer: http.Server;
  port: number;
  /** Stop matchmaking, dispose rooms, close sockets. */
  close(): Promise<void>;
}

const DEFAULT_CLIENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../client/dist");

/** Build and start the HTTP + WebSocket game server (one port for page, matchmaking and game). */
export async function startGameServer(options: GameServerOptions): Promise<RunningGameServer> {
  // Refuse to run on Colyseus versions, or with internals, the framework was not tested with.
  checkColyseusSeam();
  const limits = checkedHttpLimits(options.httpLimits);
  const cors = options.cors ?? defaultCorsPolicy();
  const app = createHttpApp({ clientDir: options.clientDir ?? DEFAULT_CLIENT_DIR, maxBodyBytes: limits.maxBodyBytes, cors });
  const httpServer = http.createServer(httpServerOptions(limits), app);
  // Proxies trusted by TRUST_PROXY carry every player behind them: they are not capped here.
  const isTrustedProxy = app.get("trust proxy fn") as (address: string, hop: number) => boolean;
  capConnectionsPerAddress(httpServer, { maxPerAddress: limits.maxConnectionsPerIp, isExempt: (address) => isTrustedProxy(address, 0) });
  configureMatchmakingGate({ quotas: { ...quotasFromEnv(process.env), ...options.quotas }, clientAddress: clientAddressOf(app) });
  configureRecording(options.recording ?? null);
  configureReplayLimits({ ...replayLimitsFromEnv(process.env), ...options.replayLimits });
  trackSocketBytes(httpServer);
  const transport = new WebSocketTransport({
    server: httpServer,
    maxPayload: options.maxPayloadBytes ?? 4096,
    pingInterval: options.pingIntervalMs ?? 3000,
    pingMaxRetries: options.pingMaxRetries ?? 2,
  });
  const gameServer = new Server({
    transport,
    gracefullyShutdown: options.handleSignals ?? false,
    greet: false,
    logger: colyseusLogger(),
    ...scaleServerOptions(options.scale),
  });
  // After `new Server()`, which took over the request listeners for matchmaking.
  guardRequests(httpServer, { maxBodyBytes: limits.maxBodyBytes, cors });
  useCorsPolicyForMatchmaking(cors);
  attachScale(gameServer, options.scale);
  registerRoomTypes(gameServer, options.roomConfig, options.roomTypes);
  await gameServer.listen(options.port, options.host);
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  logger.info({ port }, "game server listening");
  return {
    gameServer,
    httpServer,
    port,
    close: () => gameServer.gracefullyShutdown(false),
  };
}
