import App from '../index';
import type { Sandbox } from '../sandbox';
import type { Connection } from '../sandbox/zapier/connect';
import { runWithRefresh, type AppTester } from '../sandbox/zapier/runtime';
import type { ZCacheProbe } from './zcache';

/**
 * What the claims cost: the same new record written by 1 run and by 5 and 20 runs started at
 * once, as Zapier runs a zap's runs. Runs that ask for a retry (ThrottledError) are retried after
 * the others settle, as Zapier would after the delay; their calls count too.
 */
export type ConcurrencyRow = {
  crm: string;
  step: string;
  runs: number;
  requests: number;
  cacheGets: number;
  cacheSets: number;
  retried: number;
  records: number;
};

const ops = {
  upsert: App.creates!.upsert_contact!.operation.perform,
  activity: App.creates!.create_activity_event!.operation.perform,
};

const MAX_RETRIES = 3;

/** Every run to completion; how many of them Zapier would have had to retry. */
const settle = async (runs: Array<() => Promise<unknown>>): Promise<number> => {
  const first = await Promise.allSettled(runs.map((run) => run()));
  let retried = 0;
  for (const [i, outcome] of first.entries()) {
    if (outcome.status === 'fulfilled') continue;
    if ((outcome.reason as Error).name !== 'ThrottledError') throw outcome.reason;
    retried += 1;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await runs[i]!();
        break;
      } catch (error) {
        if ((error as Error).name !== 'ThrottledError' || attempt >= MAX_RETRIES) throw error;
      }
    }
  }
  return retried;
};

const LIFECYCLE = ['Scheduled', 'Rescheduled', 'Completed'];

export const measureConcurrency = async (sandbox: Sandbox, appTester: AppTester, cache: ZCacheProbe, connections: Connection[]): Promise<ConcurrencyRow[]> => {
  const rows: ConcurrencyRow[] = [];
  let scenario = 0;
  for (const connection of connections) {
    const crm = connection.crm;
    const step = (method: unknown, inputData: Record<string, unknown>) => () => runWithRefresh(appTester, connection, method, { inputData });
    const measure = async (name: string, runs: Array<() => Promise<unknown>>, records: () => number) => {
      sandbox.resetRequestLog();
      cache.take();
      const retried = await settle(runs);
      const { gets, sets } = cache.take();
      rows.push({ crm, step: name, runs: runs.length, requests: sandbox.requests.filter((r) => r.provider === crm).length, cacheGets: gets, cacheSets: sets, retried, records: records() });
    };
    const people = (email: string) =>
      crm === 'keap'
        ? [...sandbox.state.keap.contacts.values()].filter((c) => c.email_addresses.some((e) => e.email === email)).length
        : [...sandbox.state.salesforce.records('Lead'), ...sandbox.state.salesforce.records('Contact')].filter((r) => r.Email === email).length;

    for (const size of [1, 5, 20]) {
      const email = `concurrent.${(scenario += 1)}@example.com`;
      await measure('Upsert Contact, new email', Array.from({ length: size }, () => step(ops.upsert, { email, last_name: 'Concurrent' })), () => people(email));
    }

    const contact = (await runWithRefresh(appTester, connection, ops.upsert, { inputData: { email: 'concurrent.activity@example.com', last_name: 'Concurrent' } })) as { id: string };
    const activities = (bookingId: string) =>
      crm === 'keap'
        ? [...sandbox.state.keap.tasks.values()].filter((t) => t.description?.includes(`[OnceHub booking ${bookingId}]`)).length
        : sandbox.state.salesforce.records('Event').filter((e) => e.OnceHub_Booking_ID__c === bookingId).length;
    for (const size of [1, 5, 20]) {
      const bookingId = `BKNG-CONCURRENT-${(scenario += 1)}`;
      const delivery = (i: number) =>
        step(ops.activity, {
          booking_id: bookingId,
          contact_id: contact.id,
          start_time: '2030-02-01T15:00:00Z',
          end_time: '2030-02-01T15:30:00Z',
          status: LIFECYCLE[i % LIFECYCLE.length],
          status_updated_at: `2030-01-2${i % LIFECYCLE.length}T10:00:00Z`,
        });
      await measure("Create Activity Event, one booking's deliveries", Array.from({ length: size }, (_, i) => delivery(i)), () => activities(bookingId));
    }
  }
  return rows;
};
