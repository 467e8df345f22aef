import { settleConcurrently, type Settled } from './concurrency.support';
import { findOrCreate, ops, run, useIntegration } from './support';

/**
 * Zapier runs a zap's runs in parallel. Each case starts 2, 5 or 20 runs at once through the real
 * App against the sandbox (whose lookups and inserts are separate moments, Keap's duplicate
 * check included), lets Zapier's retries finish the runs that asked for one, and checks the CRM:
 * one contact per person, one activity per booking chain with the latest status, each tag once.
 */
const ctx = useIntegration();

type Output = Record<string, unknown> & { id: string };
type Crm = 'keap' | 'salesforce';

const CRMS: Crm[] = ['keap', 'salesforce'];
const SIZES = [2, 5, 20];

beforeEach(() => ctx.sandbox.reset());

const step = (crm: Crm, operation: unknown, inputData: Record<string, unknown>) => () => run<Output>(ctx, ctx[crm], operation, inputData);

/** People with this email in the CRM: Keap contacts, or Salesforce Leads and Contacts. */
const peopleWith = (crm: Crm, email: string): string[] =>
  crm === 'keap'
    ? [...ctx.sandbox.state.keap.contacts.values()].filter((c) => c.email_addresses.some((e) => e.email.toLowerCase() === email)).map((c) => String(c.id))
    : [...ctx.sandbox.state.salesforce.records('Lead'), ...ctx.sandbox.state.salesforce.records('Contact')]
        .filter((r) => String(r.Email ?? '').toLowerCase() === email)
        .map((r) => String(r.Id));

/** Every run finished, either at once or after Zapier's retry, and said why it had to wait. */
const expectAllFinished = (settled: Array<Settled<Output>>) => {
  for (const outcome of settled.filter((s) => s.first === 'retry')) {
    expect(outcome.reason).toMatch(/^Another run of this zap is creating .+ right now\. Zapier will run this step again in 15 seconds/);
    expect(outcome.delay).toBe(15);
  }
};

describe.each(CRMS)('%s: concurrent runs', (crm) => {
  it.each(SIZES)('Upsert Contact: %i runs for one new email make one contact, and every run returns it', async (size) => {
    const email = `ada.${size}@example.com`;
    const settled = await settleConcurrently(
      Array.from({ length: size }, (_, i) => step(crm, ops.upsertContact, { email, first_name: 'Ada', last_name: 'Lovelace', phone: `+1 555 01${String(i).padStart(2, '0')}` })),
    );

    const people = peopleWith(crm, email);
    expect(people).toHaveLength(1);
    expect(new Set(settled.map((s) => s.output.id))).toEqual(new Set(people));
    expectAllFinished(settled);
  });

  it.each(SIZES)('Find or Create Contact: %i runs for one new email make one contact', async (size) => {
    const email = `grace.${size}@example.com`;
    const { search, create } = findOrCreate('find_contact');
    const findOrCreateRun = async () => {
      const found = await run<Output[]>(ctx, ctx[crm], search, { email });
      return found[0] ?? run<Output>(ctx, ctx[crm], create, { email, last_name: 'Hopper' });
    };

    const settled = await settleConcurrently(Array.from({ length: size }, () => findOrCreateRun));

    expect(peopleWith(crm, email)).toHaveLength(1);
    expect(new Set(settled.map((s) => s.output.id)).size).toBe(1);
    expectAllFinished(settled);
  });
});
