import type { Connection } from '../../sandbox/zapier/connect';
import { verifyCrmState, type Expectation } from '../../sandbox/zapier/verify';
import type { RunResult } from '../../sandbox/zapier/zap';
import { collectGarbage, failedSteps, newZap, subscribeNewBooking, type Delivery, type Harness, type Subscription } from './support';

/**
 * Replays of two booking lifecycles (Ada books, reschedules, cancels; Grace books, completes,
 * is marked no-show). Each 20-fold replay runs 120 zaps, so the replay files run one CRM each
 * to stay fast; this module holds what they share.
 */

export const REPLAYS = 20;
export const SEED = 20261123;

type Crm = Connection['crm'];

/** mulberry32: a small seeded PRNG, so every shuffle is the same on every run. */
export const prng = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export const shuffled = <T>(items: readonly T[], random: () => number): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

export type Recorded = { subscription: Subscription; deliveries: Delivery[]; oncehubIds: string[]; expectations: Expectation[] };

const ada = { name: 'Ada Lovelace', email: 'ada.replay@example.com', company: 'Analytical Engines Ltd' };
const grace = { name: 'Grace Hopper', email: 'grace.replay@example.com', company: 'US Navy' };

/**
 * A clean sandbox, New Booking subscribed, and both lifecycles played once in OnceHub. The six
 * signed deliveries are kept, not run: each test decides how they reach the zap.
 */
export const recordLifecycles = async (h: Harness): Promise<Recorded> => {
  h.sandbox.reset();
  const subscription = await subscribeNewBooking(h);
  const first = (await h.sandbox.oncehub.book({ customer: ada, subject: 'Intro call', startTime: '2026-12-01T15:00:00Z' })).booking;
  const moved = (await h.sandbox.oncehub.reschedule(first.id, { newStart: '2026-12-01T17:30:00Z', reason: 'Conflict' })).booking;
  await h.sandbox.oncehub.cancel(moved.id, 'No longer needed');
  const second = (await h.sandbox.oncehub.book({ customer: grace, subject: 'Demo', startTime: '2026-11-20T10:00:00Z' })).booking;
  await h.sandbox.oncehub.complete(second.id);
  await h.sandbox.oncehub.noShow(second.id);
  const deliveries = await h.hooks.take();
  expect(deliveries).toHaveLength(6);
  return {
    subscription,
    deliveries,
    oncehubIds: h.sandbox.oncehub.deliveries.map((d) => d.id),
    expectations: [
      {
        email: ada.email,
        bookings: [first.id, moved.id],
        finalStatus: 'Canceled',
        bookingTags: [`Scheduled (Booking ID: ${first.id})`, `Rescheduled (Booking ID: ${moved.id})`, `Canceled (Booking ID: ${moved.id})`],
      },
      {
        email: grace.email,
        bookings: [second.id],
        finalStatus: 'No-show',
        bookingTags: [`Scheduled (Booking ID: ${second.id})`, `Completed (Booking ID: ${second.id})`, `No-show (Booking ID: ${second.id})`],
      },
    ],
  };
};

/**
 * The final state, read back through the CRM's own API (sandbox/zapier/verify.ts: one contact
 * per person, one activity per booking chain with the final status, the final generic status
 * tag only, the booking tags, no tag twice on a contact), plus the account-wide lists.
 */
export const expectFinalState = async (h: Harness, recorded: Recorded, crms: Crm[]) => {
  const checks = await verifyCrmState(crms.map((crm) => h[crm]), recorded.expectations);
  expect(checks.filter((c) => !c.ok)).toEqual([]);
  // Per person: the contact, three tag checks, the activity and the note; Salesforce also the case.
  expect(checks).toHaveLength(crms.reduce((sum, crm) => sum + 2 * (crm === 'salesforce' ? 7 : 6), 0));

  const bookingTags = recorded.expectations.flatMap((e) => e.bookingTags.map((t) => t.toLowerCase())).sort();
  const names: Record<Crm, () => string[]> = {
    keap: () => [...h.sandbox.state.keap.tags.values()].map((t) => t.name.toLowerCase()),
    salesforce: () => h.sandbox.state.salesforce.records('Topic').map((t) => String(t.Name).toLowerCase()),
  };
  const activities: Record<Crm, () => number> = {
    keap: () => h.sandbox.state.keap.tasks.size,
    salesforce: () => h.sandbox.state.salesforce.records('Event').length,
  };
  for (const crm of crms) {
    const tags = names[crm]();
    expect(tags.length).toBe(new Set(tags).size);
    expect(tags.filter((n) => n.includes('(booking id:')).sort()).toEqual(bookingTags);
    expect(activities[crm]()).toBe(2);
  }
};

/** What Apply Tag and the activity step reported for each delivery: `<crm> <status>: <tag action>/<activity action>`. */
export const outcomes = (runs: RunResult[]): string[] =>
  runs.flatMap((run) =>
    [...new Set(run.steps.map((s) => s.crm))].map((crm) => {
      const action = (name: string) => String(run.steps.find((s) => s.crm === crm && s.step === name)?.output?.action);
      return `${crm} ${String(run.record?.status)}: ${action('Apply Tag')}/${action('Create or Update Activity Event')}`;
    }),
  );

const FINAL = new Set(['Canceled', 'No-show']);

/** Once the lifecycles were applied, every older status is skipped and only the final ones apply (again). */
export const expectOnlyFinalStatusesApplied = (runs: RunResult[]) => {
  const lines = outcomes(runs);
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    const [head] = line.split(':');
    const status = head!.slice(head!.indexOf(' ') + 1);
    expect(line).toBe(`${head}: ${FINAL.has(status) ? 'applied/updated' : 'skipped_stale/skipped_stale'}`);
  }
};

/**
 * The 20-fold replays for one CRM: every delivery through a fresh zap per replay (Zapier's dedupe
 * long expired, the worst case), in the order OnceHub sent them, or shuffled with a fixed seed.
 */
export const describeReplays = (h: Harness, crm: Crm, order: 'in order' | 'shuffled') => {
  it(`${REPLAYS} replays ${order} through fresh zaps: one record each, the latest status, no tag twice`, async () => {
    const recorded = await recordLifecycles(h);
    const random = prng(SEED);
    const orders: number[][] = [];
    const runs: RunResult[] = [];
    for (let i = 0; i < REPLAYS; i++) {
      const zap = newZap(h, recorded.subscription, [h[crm]]);
      const indexes = recorded.deliveries.map((_, index) => index);
      orders.push(order === 'shuffled' ? shuffled(indexes, random) : indexes);
      for (const index of orders[i]!) runs.push(await zap.run(recorded.deliveries[index]!));
      collectGarbage();
    }

    expect(failedSteps(runs)).toEqual([]);
    // Contact, tags, activity and note; Salesforce also keeps a case.
    expect(runs.every((r) => r.steps.length === (crm === 'salesforce' ? 5 : 4))).toBe(true);
    if (order === 'shuffled') {
      // The shuffles do deliver older statuses after newer ones, from the first replay on.
      expect(new Set(orders.map((o) => o.join())).size).toBeGreaterThan(REPLAYS / 2);
      const lateScheduled = orders.filter((o) => o.indexOf(0) > o.indexOf(2) || o.indexOf(3) > o.indexOf(5));
      expect(lateScheduled.length).toBeGreaterThan(REPLAYS / 4);
      expect(outcomes(runs.slice(0, 6)).some((line) => line.endsWith('skipped_stale/skipped_stale'))).toBe(true);
    }
    expectOnlyFinalStatusesApplied(runs.slice(recorded.deliveries.length));
    await expectFinalState(h, recorded, [crm]);
    // 20 replays of a lifecycle run the zap's steps some 600 times: 12–17 s alone on 2 cores, more
    // when the machine is busy, so the default 20 s would fail on load rather than on behaviour.
  }, 60_000);
};
