import { defineConfig, type UserConfig } from "vite";

/** Ports of `npm run dev`, from the environment. */
export interface DevPorts {
  /** The game server's port: `PORT`, as the server itself reads it (default 2567). */
  gameServerPort: number;
  /** Vite's own port: `DEV_CLIENT_PORT` (default 5173); strict, so the URL printed is the one served. */
  clientPort: number;
}

function portFrom(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a port number (1-65535), got "${raw}"`);
  return port;
}

export function devPorts(env: NodeJS.ProcessEnv): DevPorts {
  return { gameServerPort: portFrom("PORT", env.PORT, 2567), clientPort: portFrom("DEV_CLIENT_PORT", env.DEV_CLIENT_PORT, 5173) };
}

/**
 * The client's Vite config. In dev (`npm run dev`) the page comes from Vite and talks to the game
 * server on `PORT`: `/auth` and the other HTTP endpoints through Vite's proxy, the WebSockets
 * (matchmaking included, colyseus.js derives it from the endpoint) directly, on the port given to
 * the page as `import.meta.env.VITE_GAME_SERVER_PORT` (see serverEndpoint).
 */
export function clientConfig(env: NodeJS.ProcessEnv): UserConfig {
  const { gameServerPort, clientPort } = devPorts(env);
  const server = `http://localhost:${gameServerPort}`;
  return {
    define: { "import.meta.env.VITE_GAME_SERVER_PORT": JSON.stringify(String(gameServerPort)) },
    server: {
      port: clientPort,
      strictPort: true,
      proxy: { "/matchmake": server, "/spectate": server, "/auth": server, "/healthz": server, "/readyz": server },
    },
    build: {
      outDir: "dist",
      emptyOutDir: true,
      chunkSizeWarningLimit: 2000,
      rolldownOptions: {
        // Phaser in a chunk of its own, named so: only the game page loads it (main.ts imports the
        // game dynamically), and the browser test checks the lobby never fetches it.
        output: { codeSplitting: { groups: [{ name: "phaser", test: /[\\/]node_modules[\\/]phaser[\\/]/ }] } },
      },
    },
  };
}

export default defineConfig(() => clientConfig(process.env));
