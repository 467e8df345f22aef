import type { RunResult } from '../../sandbox/zapier/zap';
import { expectFinalState, expectOnlyFinalStatusesApplied, outcomes, prng, recordLifecycles, REPLAYS, SEED, shuffled } from './replay';
import { collectGarbage, failedSteps, newZap, runDeliveries, useSandbox, type Harness } from './support';

/**
 * Nothing lost, nothing doubled, on both CRMs in one zap: the two booking lifecycles delivered
 * newest first, and redelivered by OnceHub (byte-identical bodies, fresh signatures) again and
 * again. The 20-fold replays through fresh zaps, in order and shuffled, run one CRM per file:
 * replay.{in-order,shuffled}.{keap,salesforce}.test.ts.
 */
const h: Harness = useSandbox();

describe('replayed deliveries, both CRMs', () => {
  it('newest first: each person’s first delivery sets the final status and every older one is skipped', async () => {
    const recorded = await recordLifecycles(h);
    const zap = newZap(h, recorded.subscription);
    const runs: RunResult[] = [];
    for (const delivery of [...recorded.deliveries].reverse()) runs.push(await zap.run(delivery));

    expect(failedSteps(runs)).toEqual([]);
    expect(outcomes(runs)).toEqual([
      'keap No-show: applied/created',
      'salesforce No-show: applied/created',
      'keap Completed: skipped_stale/skipped_stale',
      'salesforce Completed: skipped_stale/skipped_stale',
      'keap Scheduled: skipped_stale/skipped_stale',
      'salesforce Scheduled: skipped_stale/skipped_stale',
      'keap Canceled: applied/created',
      'salesforce Canceled: applied/created',
      'keap Rescheduled: skipped_stale/skipped_stale',
      'salesforce Rescheduled: skipped_stale/skipped_stale',
      'keap Scheduled: skipped_stale/skipped_stale',
      'salesforce Scheduled: skipped_stale/skipped_stale',
    ]);
    await expectFinalState(h, recorded, ['keap', 'salesforce']);
  });

  it(`OnceHub redeliveries, ${REPLAYS} shuffled rounds: the zap's dedupe drops them, and a fresh zap changes nothing`, async () => {
    const recorded = await recordLifecycles(h);
    const zap = newZap(h, recorded.subscription);
    for (const delivery of recorded.deliveries) await zap.run(delivery);
    const random = prng(SEED);

    const deduped: RunResult[] = [];
    for (let i = 0; i < REPLAYS; i++) {
      for (const id of shuffled(recorded.oncehubIds, random)) await h.sandbox.oncehub.redeliver(id);
      deduped.push(...(await runDeliveries(h, zap)));
      collectGarbage();
    }
    // Two more rounds after Zapier's dedupe expired: each redelivery runs every step again.
    const fresh: RunResult[] = [];
    for (let i = 0; i < 2; i++) {
      for (const id of shuffled(recorded.oncehubIds, random)) await h.sandbox.oncehub.redeliver(id);
      fresh.push(...(await runDeliveries(h, newZap(h, recorded.subscription))));
    }

    expect(deduped).toHaveLength(REPLAYS * 6);
    expect(deduped.filter((r) => r.steps.length > 0 || !r.skipped?.startsWith('duplicate of '))).toEqual([]);
    expect(fresh).toHaveLength(2 * 6);
    expect(failedSteps(fresh)).toEqual([]);
    expectOnlyFinalStatusesApplied(fresh);
    await expectFinalState(h, recorded, ['keap', 'salesforce']);
  });
});
