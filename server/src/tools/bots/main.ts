import { botBehaviour, botRoomNames } from "./behaviours.js";
import { HeadlessBot } from "./headless-bot.js";

const USAGE = `usage: npm run bots -- [--url ws://localhost:2567] [--room arena] [--count 5] [--name Drone] [--duration SEC] [--join-interval MS]

Headless players (real colyseus.js clients) that quick-play into a room type and play it with
that type's bot behaviour. Ctrl-C leaves cleanly. Room types with a behaviour: ${botRoomNames().join(", ")}.`;

export interface BotsArgs {
  url: string;
  room: string;
  count: number;
  name: string;
  /** Stop after this many seconds; 0 runs until Ctrl-C. */
  durationSec: number;
  /** Pause between starting two bots, in ms. */
  joinIntervalMs: number;
}

/** Parse `--flag value` / `--flag=value` arguments; throws with a readable message. */
export function parseBotsArgs(argv: readonly string[]): BotsArgs | "help" {
  const args: BotsArgs = { url: "ws://localhost:2567", room: "arena", count: 5, name: "Drone", durationSec: 0, joinIntervalMs: 100 };
  const number = (flag: string, raw: string | undefined, min: number, max: number): number => {
    const value = Number(raw);
    if (raw === undefined || !Number.isFinite(value) || value < min || value > max) throw new Error(`${flag} must be a number from ${min} to ${max}`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag = "", inline] = argv[i]!.split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--url": args.url = value() ?? ""; break;
      case "--room": args.room = value() ?? ""; break;
      case "--count": case "-n": args.count = Math.floor(number(flag, value(), 1, 500)); break;
      case "--name": args.name = value() ?? ""; break;
      case "--duration": args.durationSec = number(flag, value(), 0, 86_400); break;
      case "--join-interval": args.joinIntervalMs = number(flag, value(), 0, 60_000); break;
      case "--help": case "-h": return "help";
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  if (!/^wss?:\/\//.test(args.url)) throw new Error("--url must start with ws:// or wss://");
  if (!botBehaviour(args.room)) throw new Error(`no bot behaviour for room type "${args.room}" (known: ${botRoomNames().join(", ")})`);
  return args;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  let parsed: BotsArgs | "help";
  try {
    parsed = parseBotsArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (parsed === "help") {
    console.log(USAGE);
    return;
  }
  const args = parsed;
  const log = (line: string) => console.log(`[bots] ${line}`);
  const behaviour = botBehaviour(args.room)!;
  const bots: HeadlessBot[] = [];
  /** The bot logging in or joining right now (not in `bots` yet): it leaves too on Ctrl-C. */
  let joining: HeadlessBot | null = null;
  let stopping = false;

  // Each bot sends one input per tick of its room, at the rate the room announced (see HeadlessBot.pump).
  const ticker = setInterval(() => {
    const now = performance.now();
    for (const bot of bots) bot.pump(now);
  }, 4);

  const report = setInterval(() => {
    const live = bots.filter((b) => b.connected).length;
    const shots = bots.reduce((n, b) => n + b.counters.shots, 0);
    const hits = bots.reduce((n, b) => n + b.counters.hits, 0);
    log(`${live}/${args.count} connected, ${shots} shots, ${hits} hits`);
  }, 5000);
  const stop = async (reason: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    clearInterval(ticker);
    clearInterval(report);
    log(`${reason}: ${bots.length} bots leaving…`);
    const leaving = joining ? [...bots, joining] : bots;
    await Promise.race([Promise.all(leaving.map((b) => b.leave())), sleep(3000)]);
    const total = bots.reduce((t, b) => ({ inputs: t.inputs + b.counters.inputs, shots: t.shots + b.counters.shots, hits: t.hits + b.counters.hits }), { inputs: 0, shots: 0, hits: 0 });
    log(`done: ${total.inputs} inputs sent, ${total.shots} shots, ${total.hits} hits`);
    process.exit(0);
  };
  process.on("SIGINT", () => {
    if (stopping) process.exit(130); // a second Ctrl-C: do not wait
    void stop("Ctrl-C");
  });
  process.on("SIGTERM", () => void stop("SIGTERM"));

  log(`starting ${args.count} bots in "${args.room}" at ${args.url}`);
  for (let i = 1; i <= args.count && !stopping; i++) {
    const bot = new HeadlessBot({ url: args.url, roomName: args.room, name: `${args.name} ${i}`, behaviour, log });
    joining = bot;
    try {
      await bot.start();
      if (stopping) break;
      bots.push(bot);
    } catch (err) {
      log(`${args.name} ${i}: could not join: ${err instanceof Error ? err.message : String(err)}`);
      if (bots.length === 0) {
        clearInterval(ticker);
        clearInterval(report);
        process.exit(1);
      }
    }
    joining = null;
    if (args.joinIntervalMs > 0) await sleep(args.joinIntervalMs);
  }
  if (!stopping) log(`${bots.length} bots playing; Ctrl-C to stop`);
  if (args.durationSec > 0) setTimeout(() => void stop(`${args.durationSec} s passed`), args.durationSec * 1000);
}

if (process.argv[1]?.replace(/\\/g, "/").endsWith("tools/bots/main.js")) void main();
