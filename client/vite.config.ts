import { defineConfig } from "vite";

export default defineConfig({
  server: {
    port: 5173,
    // In dev, matchmaking and WebSockets go to the game server.
    proxy: {
      "/matchmake": "http://localhost:2567",
      "/auth": "http://localhost:2567",
      "/healthz": "http://localhost:2567",
    },
  },
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
