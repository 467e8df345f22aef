import { failure, ops, run, salesforceApi, useIntegration } from './support';
import { settleConcurrently } from './concurrency.support';

/** Create or Update Case, over HTTP against the sandbox's Salesforce org. */
const ctx = useIntegration();

type Case = { id: string; action: string; case_number: string | null; status: string | null; warnings: string[] };

const upsertCase = (inputData: Record<string, unknown>) => run<Case>(ctx, ctx.salesforce, ops.upsertCase, inputData);
const cases = () => ctx.sandbox.state.salesforce.records('Case');
const contact = async () => {
  const { id: accountId } = await salesforceApi(ctx.salesforce, 'POST', '/sobjects/Account', { Name: 'Acme' });
  const { id } = await salesforceApi(ctx.salesforce, 'POST', '/sobjects/Contact', { LastName: 'Case', Email: 'case@example.com', AccountId: accountId });
  return id;
};

beforeEach(() => ctx.sandbox.reset());

describe('Create or Update Case (Salesforce)', () => {
  it('opens one case per booking chain with the org’s picklist values, names its number, and updates it through a reschedule', async () => {
    const contactId = await contact();
    const first = await upsertCase({ contact_id: contactId, booking_id: 'BKNG-C1', subject: 'Onboarding call', description: 'Tue 15:00', case_origin: 'web', case_priority: 'High' });

    expect(first).toMatchObject({ action: 'created', status: 'New', case_number: expect.stringMatching(/^\d+$/) });
    expect(cases()[0]).toMatchObject({ ContactId: contactId, Subject: 'Onboarding call', Origin: 'Web', Priority: 'High', Status: 'New' });

    const moved = await upsertCase({ contact_id: contactId, booking_id: 'BKNG-C2', previous_booking_id: 'BKNG-C1', subject: 'Onboarding call', case_status: 'Working' });
    expect(moved).toMatchObject({ id: first.id, action: 'updated', case_number: first.case_number, status: 'Working' });
    expect(cases()).toHaveLength(1);
    expect(String(cases()[0]!.Description)).toContain('[OnceHub booking BKNG-C1] [OnceHub booking BKNG-C2]');
  });

  it('opens one case when a booking’s deliveries run at once', async () => {
    const contactId = await contact();
    await settleConcurrently(Array.from({ length: 5 }, () => () => upsertCase({ contact_id: contactId, booking_id: 'BKNG-C3' })));
    expect(cases()).toHaveLength(1);
  });

  it('carries a Lead’s email and name, as Web-to-Case does, since a case cannot link a Lead', async () => {
    const lead = await run<{ id: string }>(ctx, ctx.salesforce, ops.upsertContact, { email: 'lead.case@example.com', first_name: 'Lee', last_name: 'Dee' });
    await upsertCase({ contact_id: lead.id, booking_id: 'BKNG-C4' });
    await upsertCase({ email: 'lead.case@example.com', booking_id: 'BKNG-C4', case_status: 'Escalated' });
    expect(cases()).toHaveLength(1);
    expect(cases()[0]).toMatchObject({ SuppliedEmail: 'lead.case@example.com', SuppliedName: 'Lee Dee', Status: 'Escalated' });
  });

  it('writes a value outside an unrestricted picklist as given and says so, as the describe allows', async () => {
    const contactId = await contact();
    const written = await upsertCase({ contact_id: contactId, booking_id: 'BKNG-C5', case_status: 'Pending' });
    expect(written.warnings).toEqual([expect.stringMatching(/^Case Status \(case_status\): /)]);
    expect(cases()[0]).toMatchObject({ Status: 'Pending' });
  });

  it('refuses an ID that is no person before opening a case', async () => {
    expect((await failure(upsertCase({ contact_id: '5005g0000Case01AAA', booking_id: 'BKNG-C6' }))).message).toContain('Contact ID (contact_id) "5005g0000Case01AAA" is not the ID of a Salesforce Lead');
    expect(cases()).toEqual([]);
  });
});

describe('an Activity Event related to a case', () => {
  const event = (inputData: Record<string, unknown>) =>
    run<{ id: string; what_id: string | null }>(ctx, ctx.salesforce, ops.activity, { booking_id: 'BKNG-E1', start_time: '2027-01-05T15:00:00Z', ...inputData });

  it('relates the Event to the case (by ID or Case Number) and to the case’s contact', async () => {
    const contactId = await contact();
    const opened = await upsertCase({ contact_id: contactId, booking_id: 'BKNG-E1' });

    const byNumber = await event({ contact_id: contactId, case_id: opened.case_number });
    expect(byNumber.what_id).toBe(opened.id);
    expect(ctx.sandbox.state.salesforce.record(byNumber.id)).toMatchObject({ WhatId: opened.id, WhoId: contactId });

    const byId = await event({ contact_id: contactId, case_id: opened.id });
    expect(byId).toMatchObject({ id: byNumber.id, what_id: opened.id });
  });

  it('names the case’s contact for a Lead’s booking, and refuses a case it cannot find or a Lead with a contactless case', async () => {
    const contactId = await contact();
    const opened = await upsertCase({ contact_id: contactId, booking_id: 'BKNG-E2' });
    const lead = await run<{ id: string }>(ctx, ctx.salesforce, ops.upsertContact, { email: 'lead.event@example.com', last_name: 'Lead' });

    const related = await event({ contact_id: lead.id, booking_id: 'BKNG-E2', case_id: opened.case_number });
    expect(ctx.sandbox.state.salesforce.record(related.id)).toMatchObject({ WhatId: opened.id, WhoId: contactId });

    expect((await failure(event({ contact_id: contactId, booking_id: 'BKNG-E3', case_id: '99999999' }))).message).toBe(
      'No Salesforce case has the ID or number "99999999" in Related Case (case_id).',
    );
    const leadCase = await upsertCase({ contact_id: lead.id, booking_id: 'BKNG-E4' });
    expect((await failure(event({ contact_id: lead.id, booking_id: 'BKNG-E4', case_id: leadCase.id }))).message).toContain(
      'Salesforce cannot relate an Event to both a Lead and a case',
    );
    expect((await failure(event({ contact_id: contactId, booking_id: 'BKNG-E5', case_id: 'case 7' }))).message).toBe(
      'Related Case (case_id) must be a Case ID (it starts with 500) or a Case Number; got "case 7".',
    );
  });
});

describe('record types on Events and Cases', () => {
  const formKeys = async (fields: unknown) => (await run<Array<{ key: string; choices?: Array<{ label: string }> }>>(ctx, ctx.salesforce, fields, {})).filter((f) => f.choices);

  it('offers the object’s active record types and writes the chosen one on a new record, the default otherwise', async () => {
    const caseForm = await formKeys(ops.upsertCaseFields);
    expect(caseForm.find((f) => f.key === 'case_record_type_id')?.choices?.map((c) => c.label)).toEqual(['Support', 'Booking Request']);
    const eventForm = await formKeys(ops.activityFields);
    expect(eventForm.find((f) => f.key === 'event_record_type_id')?.choices?.map((c) => c.label)).toEqual(['Booking Meeting', 'Internal Meeting']);

    const contactId = await contact();
    const request = await upsertCase({ contact_id: contactId, booking_id: 'BKNG-R1', case_record_type_id: 'Booking Request' });
    expect(ctx.sandbox.state.salesforce.record(request.id)).toMatchObject({ RecordTypeId: '012CA0000000002YAA' });
    const plain = await upsertCase({ contact_id: contactId, booking_id: 'BKNG-R2' });
    expect(ctx.sandbox.state.salesforce.record(plain.id)).toMatchObject({ RecordTypeId: '012CA0000000001YAA' });

    const internal = await run<{ id: string }>(ctx, ctx.salesforce, ops.activity, {
      contact_id: contactId,
      booking_id: 'BKNG-R3',
      start_time: '2027-01-05T15:00:00Z',
      event_record_type_id: '012EV0000000002YAA',
    });
    expect(ctx.sandbox.state.salesforce.record(internal.id)).toMatchObject({ RecordTypeId: '012EV0000000002YAA' });
  });

  it("offers the chosen record type's picklist values on the form and checks the step's values against them", async () => {
    const choicesOf = async (inputData: Record<string, unknown>) =>
      Object.fromEntries(
        (await run<Array<{ key: string; choices?: Array<{ value: string }> }>>(ctx, ctx.salesforce, ops.upsertCaseFields, inputData))
          .filter((f) => ['case_status', 'case_origin', 'case_priority'].includes(f.key))
          .map((f) => [f.key, f.choices?.map((c) => c.value)]),
      );
    expect(await choicesOf({})).toEqual({ case_status: ['New', 'Working', 'Escalated', 'Closed'], case_origin: ['Phone', 'Email', 'Web'], case_priority: ['High', 'Medium', 'Low'] });
    expect(await choicesOf({ case_record_type_id: '012CA0000000002YAA' })).toEqual({ case_status: ['New', 'Working', 'Closed'], case_origin: ['Web'], case_priority: ['Medium', 'Low'] });
    // A mapped record type is known only when the step runs: the form offers every active value.
    expect((await choicesOf({ case_record_type_id: '{{123__record_type}}' })).case_origin).toEqual(['Phone', 'Email', 'Web']);

    const written = await upsertCase({ contact_id: await contact(), booking_id: 'BKNG-R5', case_record_type_id: 'Booking Request', case_origin: 'phone' });
    expect(ctx.sandbox.state.salesforce.record(written.id)).toMatchObject({ Origin: 'phone', RecordTypeId: '012CA0000000002YAA' });
    expect(written.warnings).toEqual([
      'Case Origin (case_origin): "phone" is not one of the chosen record type’s Case Origin (Origin) picklist values; it was written as given, since the picklist is unrestricted. Its values: Web.',
    ]);
  });

  it('refuses a record type the object does not have, naming the field and listing the ones it has', async () => {
    const contactId = await contact();
    const error = await failure(upsertCase({ contact_id: contactId, booking_id: 'BKNG-R4', case_record_type_id: 'Sales' }));
    expect(error.message).toBe(
      'Case Record Type (case_record_type_id) "Sales" is not an active Case record type available to the connected user. Choose one of: Support (012CA0000000001YAA), Booking Request (012CA0000000002YAA).',
    );
  });
});

describe('Create or Update Case (Keap)', () => {
  it('says it is a Salesforce step and what to use in Keap', async () => {
    const error = await failure(run(ctx, ctx.keap, ops.upsertCase, { email: 'a@example.com', booking_id: 'BKNG-1' }));
    expect(error.message).toBe(
      'Create or Update Case works with Salesforce connections. Keap has no cases: log the booking with Create or Update Activity Event or Create or Update Note.',
    );
  });
});
