import { it } from "vitest";
import { medianFrameMs, snapshot, waitForReady } from "../helpers/game.js";
import { e2eSuite } from "../helpers/suite.js";

e2eSuite("scratch rtt", { ARENA_PRACTICE: "1" }, (env) => {
  it("rtt over time", async () => {
    for (const vp of [{ width: 960, height: 600 }, { width: 480, height: 300 }]) {
      const gp = await env().open({ name: "s", params: { create: "arena", lag: "100" }, viewport: vp });
      await waitForReady(gp.page);
      for (let i = 0; i < 4; i++) {
        await new Promise((r) => setTimeout(r, 1500));
        const s = await snapshot(gp.page);
        const f = await medianFrameMs(gp.page, 500);
        console.info(`[scratch] ${vp.width} rtt ${s.stats.rttMs.toFixed(0)} jitter ${s.stats.jitterMs.toFixed(0)} frame ${f.toFixed(1)} ms`);
      }
      await gp.close();
    }
  }, 120_000);
});
