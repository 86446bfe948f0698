import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { ROOT } from "./server-process.js";

/** Debian's Chromium (playwright cannot download browsers here). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
export const ARTIFACTS_DIR = path.join(ROOT, "test-artifacts", "e2e");

/**
 * Whether browser tests can run. Without Chromium they are skipped with a loud warning on a
 * developer machine, and fail under CI=true (see the test files).
 */
export function chromiumAvailability(): { available: boolean; reason: string } {
  if (fs.existsSync(CHROMIUM_PATH)) return { available: true, reason: "" };
  return {
    available: false,
    reason: `Chromium not found at ${CHROMIUM_PATH} (install Debian's \`chromium\` package or set CHROMIUM_PATH); browser end-to-end tests cannot run`,
  };
}

/** Launch headless Chromium with the flags this machine needs (no --user-data-dir: Playwright makes a fresh profile). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** Chromium's own noise, not the page's: ReadPixels stalls when a WebGL canvas is screenshotted. */
const NOISE = [/GL Driver Message .*GPU stall due to ReadPixels/i];

/** A browser page running the game, with its console kept for artifacts and assertions. */
export class GamePage {
  readonly log: string[] = [];
  readonly errors: string[] = [];
  private readonly startMs = Date.now();

  constructor(readonly label: string, readonly page: Page, readonly context: BrowserContext) {
    page.on("console", (msg) => {
      const line = `[${msg.type()}] ${msg.text()}`;
      this.note(line);
      if (msg.type() === "error" && !NOISE.some((re) => re.test(msg.text()))) this.errors.push(line);
    });
    page.on("pageerror", (err) => {
      const line = `[pageerror] ${err.stack ?? err.message}`;
      this.note(line);
      this.errors.push(line);
    });
    page.on("crash", () => {
      this.note("[crash] the page crashed");
      this.errors.push("[crash] the page crashed");
    });
  }

  note(line: string): void {
    this.log.push(`${((Date.now() - this.startMs) / 1000).toFixed(3).padStart(8)} ${line}`);
  }

  /** Console errors so far (Chromium noise filtered out). */
  consoleErrors(): string[] {
    return [...this.errors];
  }

  /** Write the console log (always) and a screenshot (when `screenshot`) to test-artifacts/e2e/. */
  async saveArtifacts(prefix: string, screenshot: boolean): Promise<void> {
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const base = path.join(ARTIFACTS_DIR, `${prefix}-${this.label}`.replace(/[^\w.-]+/g, "_"));
    fs.writeFileSync(`${base}.console.log`, this.log.join("\n") + "\n");
    if (screenshot && !this.page.isClosed()) {
      await this.page.screenshot({ path: `${base}.png`, timeout: 5000 }).catch((err: unknown) => {
        fs.writeFileSync(`${base}.screenshot-failed.txt`, String(err));
      });
    }
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }
}

export interface OpenGameOptions {
  name: string;
  /** Extra URL parameters, e.g. { lag: "200", jitter: "30" }. */
  params?: Record<string, string>;
  viewport?: { width: number; height: number };
  /** Run in the page before any of its own scripts (Playwright's addInitScript), e.g. to log from its first frame. */
  initScript?: () => void;
}

/**
 * Open the game as a player would: `/?play=arena&name=<name>` (quick play; without `?play=` the
 * page shows the lobby), in its own browser context (own storage, own keyboard focus).
 */
export async function openGame(browser: Browser, baseUrl: string, options: OpenGameOptions): Promise<GamePage> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1024, height: 640 } });
  if (options.initScript) await context.addInitScript(options.initScript);
  const page = await context.newPage();
  const game = new GamePage(options.name, page, context);
  const params = new URLSearchParams({ play: "arena", name: options.name, ...options.params });
  await page.goto(`${baseUrl}/?${params.toString()}`);
  return game;
}
