import { startGameServer } from "./game-server.js";
import { corsPolicyFromEnv } from "./http/cors.js";
import { httpLimitsFromEnv } from "./http/http-limits.js";
import { roomTypeOptionsFromEnv } from "./app.js";
import { dataDirFromEnv } from "./data-dir.js";
import { botFillFromEnv, logger, useAuthSecretFromEnv } from "./framework/index.js";
import { recordingFromEnv } from "./framework/recording/index.js";
import { installShutdownHandlers, scaleFromEnv, shutdownOptionsFromEnv } from "./scale/index.js";

// A stray rejected promise is a bug to log, not a reason to drop every player on this process.
process.on("unhandledRejection", (reason: unknown) => {
  logger.error({ err: reason }, "unhandled promise rejection");
});

// Guest tokens outlive a restart: AUTH_SECRET, else the secret kept in DATA_DIR (created on first start).
// A malformed secret file stops the process here, rather than logging every player out.
try {
  useAuthSecretFromEnv(process.env, dataDirFromEnv(process.env));
} catch (err) {
  logger.fatal({ err }, "cannot load the auth secret");
  process.exit(1);
}

const port = Number(process.env.PORT ?? 2567);
const host = process.env.HOST;

// Signals are ours (drain on SIGTERM, see scale/shutdown.ts), not Colyseus's immediate shutdown.
// BOT_FILL: server-side bots fill each room up to that many players while someone plays (npm start sets 3).
startGameServer({
  port,
  host,
  scale: scaleFromEnv(process.env),
  roomConfig: { botFill: botFillFromEnv(process.env) },
  roomTypes: roomTypeOptionsFromEnv(process.env),
  httpLimits: httpLimitsFromEnv(process.env),
  cors: corsPolicyFromEnv(process.env),
  // Every room records what it applies to <DATA_DIR>/recordings (RECORD=0: off); see docs/operations.md.
  recording: recordingFromEnv(process.env, dataDirFromEnv(process.env)),
})
  .then(({ port: boundPort, gameServer }) => {
    installShutdownHandlers(gameServer, shutdownOptionsFromEnv(process.env));
    // CLIENT_URL: where the page is served when that is not this server (npm run dev: Vite's URL).
    const pageUrl = process.env.CLIENT_URL || `http://localhost:${boundPort}`;
    console.log(`Game server ready on port ${boundPort}: open ${pageUrl} (the lobby) in two browser tabs`);
  })
  .catch((err: unknown) => {
    logger.fatal({ err }, "failed to start");
    process.exit(1);
  });
