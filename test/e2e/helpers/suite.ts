import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, it } from "vitest";
import type { Browser } from "playwright-core";
import { ARTIFACTS_DIR, chromiumAvailability, launchBrowser, openGame, type GamePage, type OpenGameOptions } from "./browser.js";
import { startServerProcess, type ServerProcess } from "./server-process.js";

/** What a browser suite's tests get: the real server, one Chromium, and the pages opened so far. */
export interface E2E {
  server: ServerProcess;
  browser: Browser;
  /** Open `/?play=arena&name=…` in a fresh context; the page is closed (and its log kept) by the suite. */
  open(options: OpenGameOptions): Promise<GamePage>;
  pages: GamePage[];
}

/**
 * A describe block of browser end-to-end tests around one real server process and one Chromium.
 * Without Chromium: skipped with a loud warning on a developer machine, a failing test under CI=true.
 * After every test the pages' console logs go to test-artifacts/e2e/, plus screenshots when it failed;
 * afterAll stops the browser and the server whatever happened.
 */
export function e2eSuite(name: string, serverEnv: NodeJS.ProcessEnv, body: (env: () => E2E) => void): void {
  const { available, reason } = chromiumAvailability();
  if (!available) {
    if (process.env.CI === "true") {
      describe(name, () => {
        it("needs Chromium", () => {
          throw new Error(`${reason} (CI=true: a missing browser is a failure)`);
        });
      });
      return;
    }
    // Written reason: no Chromium on a developer machine (CI=true fails above instead); the reason
    // is in the suite's name and in the warning, so the skip is never silent.
    console.warn(`\n!!! SKIPPING browser tests "${name}": ${reason}.\n!!! Set CI=true to make this a failure.\n`);
    describe.skip(`${name} [skipped: ${reason}]`, () => body(() => {
      throw new Error("skipped");
    }));
    return;
  }
  describe(name, () => {
    let env: E2E | null = null;
    const slug = name.replace(/\W+/g, "-").toLowerCase();
    beforeAll(async () => {
      const server = await startServerProcess(serverEnv);
      let browser: Browser;
      try {
        browser = await launchBrowser();
      } catch (err) {
        await server.stop();
        throw err;
      }
      const pages: GamePage[] = [];
      env = {
        server, browser, pages,
        open: async (options) => {
          const page = await openGame(browser, server.httpUrl, options);
          pages.push(page);
          return page;
        },
      };
    }, 60_000);
    afterEach(async (ctx) => {
      if (!env) return;
      const failed = ctx.task.result?.state === "fail";
      const test = ctx.task.name.replace(/\W+/g, "-").toLowerCase().slice(0, 60);
      for (const page of env.pages) await page.saveArtifacts(`${slug}--${test}`, failed);
      if (failed) {
        fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
        fs.writeFileSync(path.join(ARTIFACTS_DIR, `${slug}--${test}-server.log`), env.server.output());
      }
    });
    afterAll(async () => {
      if (!env) return;
      const { browser, server, pages } = env;
      env = null;
      for (const page of pages) await page.close();
      // A wedged browser must not keep the suite (or the server) alive.
      await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 10_000))]).catch(() => undefined);
      await server.stop();
    }, 30_000);
    body(() => {
      if (!env) throw new Error("the e2e environment failed to start (see beforeAll)");
      return env;
    });
  });
}
