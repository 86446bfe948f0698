import { RedisPresence } from "@colyseus/redis-presence";
import { RedisDriver } from "@colyseus/redis-driver";
import { redisDriverConnection } from "../framework/colyseus/index.js";
import { logger } from "../framework/index.js";

/** What `RedisPresence`/`RedisDriver` (ioredis underneath) accept as connection options. */
export type RedisConnectionOptions = Exclude<ConstructorParameters<typeof RedisPresence>[0], number | string | unknown[] | undefined>;

/**
 * Turn `REDIS_URL` (`redis://[user:password@]host[:port][/db]`, or `rediss://` for TLS) into
 * ioredis options. `maxRetriesPerRequest: null` makes commands wait for a reconnect instead of
 * failing after ~10 s: Colyseus fires some Redis writes without awaiting them (listing removal
 * on dispose, stats), and a rejected one would be an unhandled rejection that kills the process
 * and every room in it during a Redis outage.
 */
export function redisOptionsFromUrl(redisUrl: string): RedisConnectionOptions {
  const url = new URL(redisUrl);
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    throw new Error(`REDIS_URL must start with redis:// or rediss:// (got ${url.protocol}//)`);
  }
  const db = url.pathname.replace(/^\//, "");
  return {
    host: url.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1",
    port: url.port ? Number(url.port) : 6379,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(url.protocol === "rediss:" ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    // Pub/sub channels (process and room IPC) come back by themselves after a reconnect.
    autoResubscribe: true,
  };
}

interface ObservableConnection {
  status: string;
  on(event: "ready" | "close" | "error", listener: (...args: unknown[]) => void): unknown;
}

/** Log connection loss and recovery once per transition (ioredis would print every retry). */
function observe(connection: ObservableConnection, name: string): void {
  let everReady = false;
  let down = false;
  connection.on("ready", () => {
    if (down) logger.info({ connection: name }, "redis reconnected");
    everReady = true;
    down = false;
  });
  connection.on("close", () => {
    if (!everReady || down) return;
    down = true;
    logger.warn({ connection: name }, "redis connection lost; retrying");
  });
  connection.on("error", (err: unknown) => {
    logger.debug({ connection: name, err }, "redis connection error");
  });
}

/** `RedisPresence` that logs its connection state and can say whether it is connected. */
export class ObservedRedisPresence extends RedisPresence {
  constructor(options: RedisConnectionOptions) {
    super(options);
    observe(this.pub as unknown as ObservableConnection, "presence-pub");
    observe(this.sub as unknown as ObservableConnection, "presence-sub");
  }

  /** True while both the command and the subscriber connection are up. */
  isConnected(): boolean {
    return this.pub.status === "ready" && this.sub.status === "ready";
  }
}

/** `RedisDriver` whose connection logs loss and recovery. */
export class ObservedRedisDriver extends RedisDriver {
  constructor(options: RedisConnectionOptions) {
    super(options);
    // The client is private in the typings; only its events are used.
    observe(redisDriverConnection<ObservableConnection>(this), "driver");
  }
}
