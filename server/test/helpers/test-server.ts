import { matchMaker, type Room as ServerRoom } from "@colyseus/core";
import { Client, type Room } from "colyseus.js";
import { guestIdentityProvider } from "../../src/framework/index.js";
import { startGameServer, type GameServerOptions, type RunningGameServer } from "../../src/game-server.js";
import { startFaultProxy, type FaultProxy } from "../../src/tools/fault-proxy.js";

/** A real game server on a free port, plus a way to make real colyseus.js clients for it. */
export interface TestServer {
  server: RunningGameServer;
  url: string;
  /**
   * A colyseus.js client already holding a guest token for `name`; with `via`, it matchmakes and
   * opens its room sockets through that fault proxy (to cut or stall them from outside).
   */
  client(name?: string, via?: FaultProxy): Client;
  /** A fault proxy in front of this server (a new one each call; closed with the server). */
  faultProxy(): Promise<FaultProxy>;
  /** The live server-side room instance (same process). */
  serverRoom<R extends ServerRoom>(roomId: string): R;
  close(): Promise<void>;
}

export async function startTestServer(options: Partial<GameServerOptions> = {}): Promise<TestServer> {
  const server = await startGameServer({ port: 0, host: "127.0.0.1", clientDir: "/nonexistent", ...options });
  const url = `ws://127.0.0.1:${server.port}`;
  const proxies: FaultProxy[] = [];
  return {
    server,
    url,
    client: (name = "tester", via) => {
      const client = new Client(via ? `ws://127.0.0.1:${via.port}` : url);
      client.auth.token = guestIdentityProvider().issue(name).token;
      return client;
    },
    faultProxy: async () => {
      const proxy = await startFaultProxy(server.port);
      proxies.push(proxy);
      return proxy;
    },
    serverRoom: <R extends ServerRoom>(roomId: string) => {
      const room = matchMaker.getLocalRoomById(roomId);
      if (!room) throw new Error(`room ${roomId} not found`);
      return room as R;
    },
    close: async () => {
      await Promise.all(proxies.map((p) => p.close()));
      await server.close();
    },
  };
}

/** Poll `check` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 5000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Awaited: a check that is async (reads the matchmaking driver) is judged by what it resolves to.
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Collect messages of one type a client room receives. */
export function collect<T>(room: Room, type: string): T[] {
  const seen: T[] = [];
  room.onMessage(type, (m: T) => seen.push(m));
  return seen;
}
