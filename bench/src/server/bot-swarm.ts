import { performance } from "node:perf_hooks";
import { TICK_MS } from "@arena/shared";
import { guestIdentityProvider } from "@arena/server/framework";
import { WireClient, type WireInput } from "../lib/wire-client.js";
import { LoopDelay } from "../lib/loop-delay.js";
import { moverIntent, type MoverIntent } from "../rooms/movers.js";

/** Configuration of the bot process (argv[2], JSON). */
export interface SwarmConfig {
  httpBase: string;
  /** When set, bot i joins (matchmakes) through httpBases[i % length] instead of httpBase. */
  httpBases?: string[];
  roomName: string;
  /** Extra join options (the plain comparison room seats a player only with `play: true`). */
  joinOptions?: Record<string, unknown>;
  /** Of every 60 ticks, a bot holds fire for this many (with the 12-tick cooldown: one shot per second at 12). */
  fireTicksPerSecond: number;
  /** How inputs are sent (see InputFormat). */
  inputFormat: InputFormat;
}

export interface SwarmStats {
  bots: number;
  open: number;
  joinFailures: number;
  inputsSent: number;
  /** Messages those inputs went in. */
  inputMessagesSent: number;
  messagesReceived: number;
  bytesReceived: number;
  wallMs: number;
  cpuMs: number;
  elu: number;
  eventLoopDelayMsP99: number;
  /** Inputs sent later than 2 ticks after they were due (the bot process falling behind). */
  lateInputs: number;
  /** Close codes of bots whose socket closed, with counts. */
  closeCodes: Record<string, number>;
}

/**
 * msgpack: one `input` map per tick. packed: one 13-byte record per tick. packed2: two ticks'
 * records in one message every other tick (30 messages/s). packed3: three ticks' records every
 * third tick (20 messages/s: the browser client).
 */
export type InputFormat = "msgpack" | "packed" | "packed2" | "packed3";

/** Packed records per message of a packed format. */
const RECORDS_PER_MESSAGE: Record<Exclude<InputFormat, "msgpack">, number> = { packed: 1, packed2: 2, packed3: 3 };

export type SwarmRequest =
  | { type: "add"; count: number }
  | { type: "format"; format: InputFormat }
  | { type: "stats"; reset: boolean }
  | { type: "stop" };
export type SwarmReply = { type: "added"; bots: number; failures: number } | { type: "format"; format: InputFormat } | { type: "stats"; stats: SwarmStats };

interface Bot {
  client: WireClient;
  index: number;
  seq: number;
  nextMs: number;
  /** packed2/packed3: inputs held until a message's worth is due. */
  held: WireInput[];
}

/**
 * The player side of the capacity test, in its own process: lightweight bots (WireClient, no
 * state decoding) that join rooms like players do and send one input per tick each, phases
 * spread over the tick so they arrive like independent clients, not in one burst.
 */
async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2]!) as SwarmConfig;
  let format = config.inputFormat;
  const bots: Bot[] = [];
  let joinFailures = 0;
  let inputsSent = 0;
  let inputMessagesSent = 0;
  let lateInputs = 0;
  const intent: MoverIntent = { moveX: 0, moveY: 0, aim: 0 };
  const delay = new LoopDelay();
  let since = { wall: performance.now(), cpu: process.cpuUsage(), elu: performance.eventLoopUtilization() };
  const base = { messages: 0, bytes: 0 };
  const received = () => bots.reduce((a, b) => ({ messages: a.messages + b.client.received.messages, bytes: a.bytes + b.client.received.payloadBytes }), { messages: 0, bytes: 0 });

  const ticker = setInterval(() => {
    const now = performance.now();
    for (const bot of bots) {
      if (bot.client.closed) continue;
      if (now - bot.nextMs > 2 * TICK_MS) {
        lateInputs++;
        bot.nextMs = now;
      }
      while (bot.nextMs <= now) {
        const tick = ++bot.seq;
        moverIntent(bot.index, tick, intent);
        const fire = (tick + bot.index * 7) % 60 < config.fireTicksPerSecond;
        const input = { seq: tick, moveX: intent.moveX, moveY: intent.moveY, aim: intent.aim, fire };
        if (format === "msgpack") {
          bot.client.sendInput(input);
          inputMessagesSent++;
        } else {
          bot.held.push(input);
          if (bot.held.length >= RECORDS_PER_MESSAGE[format]) {
            bot.client.sendPackedInput(...bot.held);
            bot.held.length = 0;
            inputMessagesSent++;
          }
        }
        inputsSent++;
        bot.nextMs += TICK_MS;
      }
    }
  }, 2);

  const addBots = async (count: number): Promise<void> => {
    const start = bots.length;
    const lanes = 8;
    let next = start;
    await Promise.all(Array.from({ length: lanes }, async () => {
      while (next < start + count) {
        const index = next++;
        const client = new WireClient({ httpBase: config.httpBases?.length ? config.httpBases[index % config.httpBases.length]! : config.httpBase, decode: false });
        const token = guestIdentityProvider().issue(`bot-${index}`).token;
        try {
          await client.join("joinOrCreate", config.roomName, { ...config.joinOptions, name: `Bot${index}` }, token);
          // Spread the send phase over the tick.
          bots.push({ client, index, seq: 0, nextMs: performance.now() + ((index * 7) % 16) * (TICK_MS / 16), held: [] });
        } catch {
          joinFailures++;
        }
      }
    }));
  };

  process.on("message", (m: SwarmRequest) => {
    if (m.type === "add") {
      void addBots(m.count).then(() => process.send?.({ type: "added", bots: bots.length, failures: joinFailures } satisfies SwarmReply));
    } else if (m.type === "format") {
      format = m.format;
      for (const b of bots) b.held.length = 0;
      process.send?.({ type: "format", format } satisfies SwarmReply);
    } else if (m.type === "stats") {
      const cpu = process.cpuUsage(since.cpu);
      const r = received();
      const stats: SwarmStats = {
        bots: bots.length,
        open: bots.filter((b) => !b.client.closed).length,
        joinFailures,
        inputsSent,
        inputMessagesSent,
        messagesReceived: r.messages - base.messages,
        bytesReceived: r.bytes - base.bytes,
        wallMs: performance.now() - since.wall,
        cpuMs: (cpu.user + cpu.system) / 1000,
        elu: performance.eventLoopUtilization(since.elu).utilization,
        eventLoopDelayMsP99: delay.percentileMs(99),
        lateInputs,
        closeCodes: bots.filter((b) => b.client.closed).reduce<Record<string, number>>((m, b) => {
          m[b.client.closeCode] = (m[b.client.closeCode] ?? 0) + 1;
          return m;
        }, {}),
      };
      process.send?.({ type: "stats", stats } satisfies SwarmReply);
      if (m.reset) {
        inputsSent = 0;
        inputMessagesSent = 0;
        lateInputs = 0;
        base.messages = r.messages;
        base.bytes = r.bytes;
        delay.reset();
        since = { wall: performance.now(), cpu: process.cpuUsage(), elu: performance.eventLoopUtilization() };
      }
    } else {
      clearInterval(ticker);
      for (const b of bots) b.client.terminate();
      setTimeout(() => process.exit(0), 200);
    }
  });
  process.on("disconnect", () => process.exit(0));
}

void main();
