import { startGameServer } from "./game-server.js";
import { logger } from "./framework/index.js";

const port = Number(process.env.PORT ?? 2567);
const host = process.env.HOST;

startGameServer({ port, host, handleSignals: true })
  .then(({ port: boundPort }) => {
    console.log(`Arena ready: open http://localhost:${boundPort} in two browser tabs`);
  })
  .catch((err: unknown) => {
    logger.fatal({ err }, "failed to start");
    process.exit(1);
  });
