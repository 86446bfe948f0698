import { expect, it } from "vitest";
import { PATCH_HZ, TICK_HZ } from "@arena/shared";
import { TAG_DASH_COOLDOWN_TICKS, type TagBody, type TagState } from "@arena/shared/games/tag";
import { DEFAULT_TICK_ROOM_CONFIG } from "../../src/framework/index.js";
import { cheat, dashGaps, honestTagPath, measure } from "../helpers/input-cheat.js";
import { startTestServer, waitFor } from "../helpers/test-server.js";

/**
 * Tag's dash against a client sending faster than the tick, with the kick for that turned off
 * (so it runs long enough to dash several times; the matchmaker is one per process, hence its
 * own file). Its cooldown counts the runner's own ticks, one per input applied, and the intake
 * applies at most one input per server tick (plus credit banked while idle, once).
 */
const START_CREDIT = DEFAULT_TICK_ROOM_CONFIG.inputCreditCap;

it("a runner at 89 inputs/s dashes no more often than its cooldown in ticks allows (kick off: 6 s at 89 inputs/s)", async () => {
  const noKick = await startTestServer({ roomConfig: { inputExcess: { ...DEFAULT_TICK_ROOM_CONFIG.inputExcess, strikes: 0 } } });
  try {
    const client = noKick.client("dasher");
    const room = await client.create<TagState>("tag");
    const me = await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own runner");
    const start: TagBody = { x: me.x, y: me.y, vx: me.vx, vy: me.vy, dashCooldown: me.dashCooldown, it: me.it };
    // Down the left edge (x = 80: clear of every pillar); at the bottom wall a dash still fires and restarts the cooldown.
    const run = await cheat(room, "msgpack", 89, 6000, { moveX: 0, moveY: 1, dash: true }, (state) => {
      const p = state.players.get(room.sessionId);
      return p ? { x: p.x, y: p.y, dashCooldown: p.dashCooldown } : null;
    });
    const gaps = dashGaps(run.samples);
    const { distancePx, seconds } = measure(run.samples);
    console.log(`tag dasher 89/s: ${distancePx.toFixed(0)} px in ${seconds.toFixed(2)} s; dash gaps (at most) ${JSON.stringify(gaps)} ticks`);
    expect(run.closeCode).toBe(0);
    expect(gaps.length).toBeGreaterThanOrEqual(2);
    // The cooldown counts the runner's own ticks (inputs applied), which the intake holds to the
    // server's ticks: a gap is short of the cooldown by at most the credit it had banked (once),
    // and the samples place each dash within a patch interval (less exactly when a busy machine
    // delays one patch more than the next). Paced by arrival (2 a tick while more than 3 wait,
    // as before), 89 inputs/s dashed every 61 ticks.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(TAG_DASH_COOLDOWN_TICKS - (START_CREDIT - 1) - TICK_HZ / PATCH_HZ);
    expect(distancePx).toBeLessThanOrEqual(honestTagPath(start, Math.ceil(seconds * TICK_HZ * 1.05) + START_CREDIT, 0, 1) + 1);
    await room.leave();
  } finally {
    await noKick.close();
  }
});
