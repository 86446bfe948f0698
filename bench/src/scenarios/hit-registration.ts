import { guestIdentityProvider } from "@arena/server/framework";
import { startServerProcess } from "@arena/server/tools/server-process.js";
import { STRAFE_GEOMETRY, Target } from "@arena/server/tools/strafing-target.js";
import { BENCH_AUTH_SECRET } from "../lib/child.js";
import { HeadlessShooter } from "../lib/headless-shooter.js";
import { percentile, round, sleep } from "../lib/stats.js";

export interface HitRegistrationParams {
  /** Simulated links (the client's link simulator): added round trip and one-way jitter, ms. */
  links: { lagMs: number; jitterMs: number }[];
  /** Shots per link. */
  shots: number;
}

export interface HitRegistrationResult {
  lagMs: number;
  jitterMs: number;
  /** What the shooter's client measured and used. */
  rttMs: number;
  interpDelayMs: number;
  shots: number;
  hits: number;
  hitRatio: number;
  rewindP50Ms: number;
  rewindP99Ms: number;
  clamped: number;
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`hit registration: timed out waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * Hit registration as a player measures it: a headless client (the real client netcode, in
 * Node) behind a simulated link aims every frame at where it draws a target that strafes across
 * its line of fire at full speed, turning every 0.6 s, and holds the trigger; the server's
 * verdicts are counted. The real server process runs as aim practice (ARENA_PRACTICE=1: no damage).
 */
export async function runHitRegistration(params: HitRegistrationParams, log: (line: string) => void): Promise<HitRegistrationResult[]> {
  // The guest tokens are signed here with the bench's secret: the server must check them with it.
  const server = await startServerProcess({ ARENA_PRACTICE: "1", AUTH_SECRET: BENCH_AUTH_SECRET }, false);
  const { port, httpUrl } = server;
  try {
    const results: HitRegistrationResult[] = [];
    for (const { lagMs, jitterMs } of params.links) {
      const token = guestIdentityProvider().issue("shooter").token;
      const shooter = await HeadlessShooter.create(`ws://127.0.0.1:${port}`, token, "arena", { latencyMs: lagMs / 2, jitterMs, bandwidthBytesPerSec: 0 });
      let target: Target | null = null;
      try {
        target = await Target.join(httpUrl, shooter.room.roomId, "target");
        target.start(STRAFE_GEOMETRY.walk, STRAFE_GEOMETRY.strafeAxis, STRAFE_GEOMETRY.strafeTicks);
        const t = target;
        await until(() => t.strafing && t.position().x === STRAFE_GEOMETRY.centre.x, 20_000, "the target reaching its strafe");
        await until(() => shooter.drawnTarget(t.id)?.x === STRAFE_GEOMETRY.centre.x, 5000, "the shooter drawing the target there");
        const first = shooter.shots.length;
        shooter.fireAt(t.id);
        await until(() => shooter.shots.length - first >= params.shots, params.shots * 1000, `${params.shots} shots`);
        shooter.fireAt(null);
        const shots = shooter.shots.slice(first, first + params.shots);
        const hits = shots.filter((s) => s.hit === t.id).length;
        const rewinds = shots.map((s) => s.rewindMs);
        const stats = shooter.session.stats();
        const r: HitRegistrationResult = {
          lagMs, jitterMs, rttMs: round(stats.rttMs, 1), interpDelayMs: round(stats.interpDelayMs, 1),
          shots: shots.length, hits, hitRatio: round(hits / shots.length, 3),
          rewindP50Ms: percentile(rewinds, 50), rewindP99Ms: percentile(rewinds, 99), clamped: shots.filter((s) => s.clamped).length,
        };
        log(`  lag ${lagMs} ms, jitter ${jitterMs} ms: rtt ${r.rttMs} ms, interp delay ${r.interpDelayMs} ms: ` +
          `${hits}/${shots.length} hit (${(100 * r.hitRatio).toFixed(0)} %), rewind p50 ${r.rewindP50Ms} ms, p99 ${r.rewindP99Ms} ms, clamped ${r.clamped}`);
        results.push(r);
      } finally {
        await target?.leave();
        await shooter.leave();
      }
    }
    return results;
  } finally {
    await server.stop();
  }
}
