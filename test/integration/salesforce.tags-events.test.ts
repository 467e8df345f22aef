import { failure, ops, run, salesforceApi, salesforceWrites, useIntegration, useOrgFeatures } from './support';

/** Apply Tag (Topics) and Create or Update Activity Event (Event) for a Salesforce connection, over HTTP against the sandbox. */
const ctx = useIntegration();

type TagOutput = { contact_id: string; tags: Array<{ id: string; name: string; status: string }>; applied_count: number; removed_count: number };
type EventOutput = Record<string, unknown> & { id: string; action: string; created: boolean };

const tag = (inputData: Record<string, unknown>) => run<TagOutput>(ctx, ctx.salesforce, ops.applyTag, inputData);
const event = (inputData: Record<string, unknown>) => run<EventOutput>(ctx, ctx.salesforce, ops.activity, inputData);
const records = (object: string) => ctx.sandbox.state.salesforce.records(object);
const record = (id: string) => ctx.sandbox.state.salesforce.record(id)!;
const topicNamed = (name: string) => records('Topic').find((t) => t.Name === name);
/** The names of the topics assigned to a record, sorted. */
const topicsOn = (entityId: string) =>
  records('TopicAssignment')
    .filter((a) => a.EntityId === entityId)
    .map((a) => String(record(String(a.TopicId)).Name))
    .sort();
const present = (output: TagOutput) => output.tags.filter((t) => t.status !== 'not_present').map(({ name, status }) => [name, status]);

let leadId = '';
let contactId = '';
beforeEach(async () => {
  ctx.sandbox.reset();
  leadId = (await run<{ id: string }>(ctx, ctx.salesforce, ops.upsertContact, { email: 'grace@example.com', last_name: 'Hopper' })).id;
  contactId = (await salesforceApi(ctx.salesforce, 'POST', '/sobjects/Contact', { LastName: 'Lovelace', Email: 'ada@example.com' })).id;
  ctx.sandbox.resetRequestLog();
});

describe('Apply Tag (Salesforce Topics)', () => {
  it('creates missing topics once and assigns them, then applies an existing topic by name or ID', async () => {
    const first = await tag({ contact_id: leadId, tags: ['VIP', 'Webinar'] });

    expect(present(first)).toEqual([
      ['VIP', 'created'],
      ['Webinar', 'created'],
    ]);
    expect(first.tags.map((t) => t.id)).toEqual([topicNamed('VIP')!.Id, topicNamed('Webinar')!.Id]);
    expect(topicsOn(leadId)).toEqual(['VIP', 'Webinar']);

    ctx.sandbox.resetRequestLog();
    const second = await tag({ contact_id: contactId, tags: ['vip', String(topicNamed('Webinar')!.Id)] });

    expect(present(second)).toEqual([
      ['VIP', 'applied'],
      ['Webinar', 'applied'],
    ]);
    expect(records('Topic')).toHaveLength(2);
    expect(topicsOn(contactId)).toEqual(['VIP', 'Webinar']);
    expect(salesforceWrites(ctx.sandbox)).toEqual(['POST /sobjects/TopicAssignment', 'POST /sobjects/TopicAssignment']);
  });

  it('refuses missing topics when Create Missing Tags is off, before any write', async () => {
    await tag({ contact_id: leadId, tags: ['VIP'] });
    ctx.sandbox.resetRequestLog();

    const error = await failure(tag({ contact_id: contactId, tags: ['VIP', 'Nope', 'Neither'], create_missing_tags: false }));

    expect(error.message).toBe(
      'These topics do not exist in Salesforce: Nope, Neither. Turn on Create Missing Tags (create_missing_tags), or create the topics in Salesforce first.',
    );
    expect(salesforceWrites(ctx.sandbox)).toEqual([]);
    expect(topicsOn(contactId)).toEqual([]);
  });

  it('removes assigned topics and reports the others as not present', async () => {
    await tag({ contact_id: contactId, tags: ['VIP', 'Webinar'] });

    const output = await tag({ contact_id: contactId, remove_tags: ['webinar', 'Never Assigned'] });

    expect(output.tags.map(({ name, status }) => [name, status])).toEqual([
      ['Webinar', 'removed'],
      ['Never Assigned', 'not_present'],
    ]);
    expect(topicsOn(contactId)).toEqual(['VIP']);
  });

  it('finds the person by email when no Contact ID is given, Contact before Lead', async () => {
    await run(ctx, ctx.salesforce, ops.upsertContact, { email: 'ada@example.com', last_name: 'Lovelace', salesforce_object: 'Lead' });

    const output = await tag({ email: 'ADA@example.com', tags: ['VIP'] });

    expect(output.contact_id).toBe(contactId);
    expect(topicsOn(contactId)).toEqual(['VIP']);
  });

  it('follows a booking through its lifecycle, and a replay adds nothing', async () => {
    await tag({ contact_id: leadId, booking_status: 'Scheduled', booking_id: 'BKNG-1' });
    const noShow = await tag({ contact_id: leadId, booking_status: 'no_show', booking_id: 'BKNG-1' });

    expect(present(noShow)).toEqual([
      ['No-show', 'created'],
      ['No-show (Booking ID: BKNG-1)', 'created'],
      ['Scheduled', 'removed'],
    ]);
    expect(topicsOn(leadId)).toEqual(['No-show', 'No-show (Booking ID: BKNG-1)', 'Scheduled (Booking ID: BKNG-1)']);

    const topicCount = records('Topic').length;
    ctx.sandbox.resetRequestLog();
    const replay = await tag({ contact_id: leadId, booking_status: 'No-show', booking_id: 'BKNG-1' });

    expect(present(replay)).toEqual([
      ['No-show', 'already_present'],
      ['No-show (Booking ID: BKNG-1)', 'already_present'],
    ]);
    expect(records('Topic')).toHaveLength(topicCount);
    expect(records('TopicAssignment')).toHaveLength(3);
    expect(salesforceWrites(ctx.sandbox)).toEqual([]);
  });

  it('says which ID Salesforce could not find when the record does not exist', async () => {
    const gone = (await salesforceApi(ctx.salesforce, 'POST', '/sobjects/Contact', { LastName: 'Gone', Email: 'gone@example.com' })).id;
    await salesforceApi(ctx.salesforce, 'DELETE', `/sobjects/Contact/${gone}`);

    const error = await failure(tag({ contact_id: gone, tags: ['VIP'] }));

    expect(error.message).toBe(
      'Salesforce could not apply the topic "VIP": Salesforce could not find a record for an ID this step sent (field: EntityId): ' +
        'Entity ID: invalid cross reference id. Check the mapped record ID.',
    );
    expect(records('TopicAssignment')).toEqual([]);
  });

  describe('when Topics are enabled for Contacts only', () => {
    useOrgFeatures(ctx, { topics: ['Contact'] });

    it('tells the user how an admin enables them for Leads', async () => {
      const error = await failure(tag({ contact_id: leadId, tags: ['VIP'] }));

      expect(error).toMatchObject({
        name: 'AppError',
        message:
          'Topics are not enabled for Leads in this Salesforce org, so tags cannot be applied. An admin can turn them on in ' +
          'Setup → Topics for Objects: select Leads, check Enable Topics, and save. Then run this step again.',
      });
      expect(topicsOn(leadId)).toEqual([]);
      expect(topicsOn(contactId)).toEqual([]);
    });
  });
});

describe('Create or Update Activity Event (Salesforce Event)', () => {
  const booking = {
    booking_id: 'BKNG-E1',
    subject: 'Discovery call',
    start_time: '2026-11-23T15:00:00Z',
    end_time: '2026-11-23T15:30:00Z',
    location: 'Room 4',
    conferencing_url: 'https://meet.example.com/e1',
    description: 'Bring the roadmap.',
  };

  it('offers the org’s Event fields for the booking ID, status and reason, detected by name', async () => {
    const fields = await run<Array<Record<string, unknown>>>(ctx, ctx.salesforce, ops.activityFields, {});
    const pick = (key: string) => fields.find((f) => f.key === key)!;

    expect(pick('booking_id_field')).toMatchObject({ default: 'OnceHub_Booking_ID__c', choices: [expect.objectContaining({ value: 'OnceHub_Booking_ID__c' })] });
    expect(pick('status_field')).toMatchObject({ default: 'Event_Status__c' });
    expect(pick('reason_field')).toMatchObject({ default: 'Cancel_Reschedule_Reason__c' });
    expect(pick('on_cancel')).toMatchObject({ default: 'keep' });
  });

  it('creates one Event for the booking on the Contact', async () => {
    const output = await event({ ...booking, contact_id: contactId });

    expect(output).toMatchObject({
      crm: 'salesforce',
      created: true,
      action: 'created',
      status: 'Scheduled',
      booking_id: 'BKNG-E1',
      who_id: contactId,
      what_id: null,
      booking_id_field: 'OnceHub_Booking_ID__c',
      status_field: 'Event_Status__c',
      url: `${ctx.salesforce.authData.instance_url}/lightning/r/Event/${output.id}/view`,
    });
    expect(record(output.id)).toMatchObject({
      WhoId: contactId,
      Subject: 'Discovery call',
      StartDateTime: '2026-11-23T15:00:00.000+0000',
      EndDateTime: '2026-11-23T15:30:00.000+0000',
      DurationInMinutes: 30,
      Location: 'Room 4',
      // The step's text comes first; the connector may add its own lines after it.
      Description: expect.stringMatching(/^Bring the roadmap\.\n\nJoin: https:\/\/meet\.example\.com\/e1(\n|$)/),
      OnceHub_Booking_ID__c: 'BKNG-E1',
      Event_Status__c: 'Scheduled',
    });
  });

  it('updates the same Event as the booking completes, and its history shows each status', async () => {
    const created = await event({ ...booking, contact_id: contactId });
    const completed = await event({ ...booking, contact_id: contactId, status: 'Completed' });
    const replay = await event({ ...booking, contact_id: contactId, status: 'Completed' });

    expect([completed, replay].map((o) => [o.id, o.action])).toEqual([
      [created.id, 'updated'],
      [created.id, 'updated'],
    ]);
    expect(records('Event')).toHaveLength(1);
    expect(ctx.sandbox.state.salesforce.eventHistory(created.id).map((h) => h.status)).toEqual(['Scheduled', 'Completed', 'Completed']);
  });

  it('moves a rescheduled booking onto the Event of the booking it replaces, with the reason', async () => {
    const created = await event({ ...booking, contact_id: contactId });

    const moved = await event({
      ...booking,
      contact_id: contactId,
      booking_id: 'BKNG-E2',
      previous_booking_id: 'BKNG-E1',
      status: 'Rescheduled',
      start_time: '2026-11-24T09:00:00Z',
      end_time: '2026-11-24T09:30:00Z',
      cancel_reschedule_reason: 'Conflict with another meeting',
    });

    expect(moved).toMatchObject({ id: created.id, action: 'updated', booking_id: 'BKNG-E2', status: 'Rescheduled' });
    expect(records('Event')).toHaveLength(1);
    expect(record(created.id)).toMatchObject({
      OnceHub_Booking_ID__c: 'BKNG-E2',
      Event_Status__c: 'Rescheduled',
      StartDateTime: '2026-11-24T09:00:00.000+0000',
      Cancel_Reschedule_Reason__c: 'Conflict with another meeting',
    });
  });

  it('deletes the Event on cancel when asked, and a replay deletes nothing', async () => {
    const created = await event({ ...booking, contact_id: contactId });

    const deleted = await event({ ...booking, contact_id: contactId, status: 'Canceled', on_cancel: 'delete' });
    expect(deleted).toMatchObject({ id: created.id, action: 'deleted', created: false });
    expect(records('Event')).toEqual([]);

    ctx.sandbox.resetRequestLog();
    const replay = await event({ ...booking, contact_id: contactId, status: 'Canceled', on_cancel: 'delete' });
    expect(replay).toMatchObject({ id: '', action: 'deleted' });
    expect(salesforceWrites(ctx.sandbox)).toEqual([]);
  });

  it('relates the Event of a Contact to a Case, and refuses a Related To ID for a Lead before writing', async () => {
    const caseId = (await salesforceApi(ctx.salesforce, 'POST', '/sobjects/Case', { Subject: 'Onboarding' })).id;
    const related = await event({ ...booking, contact_id: contactId, what_id: caseId });
    expect(record(related.id)).toMatchObject({ WhoId: contactId, WhatId: caseId });

    ctx.sandbox.resetRequestLog();
    const error = await failure(event({ ...booking, booking_id: 'BKNG-L', contact_id: leadId, what_id: caseId }));

    expect(error.message).toBe(
      'Salesforce cannot relate an Event to both a Lead and another record: clear Related To ID (what_id), or convert the Lead first.',
    );
    expect(ctx.sandbox.requests).toEqual([]);
  });

  it('says which ID Salesforce could not find when the person does not exist', async () => {
    const gone = (await salesforceApi(ctx.salesforce, 'POST', '/sobjects/Contact', { LastName: 'Gone', Email: 'gone@example.com' })).id;
    await salesforceApi(ctx.salesforce, 'DELETE', `/sobjects/Contact/${gone}`);

    const error = await failure(event({ ...booking, contact_id: gone }));

    expect(error.message).toBe(
      'Salesforce could not find a record for an ID this step sent (field: WhoId): Name ID: invalid cross reference id. Check the mapped record ID.',
    );
    expect(records('Event')).toEqual([]);
  });

  it('reads times without an offset in the booking time zone and takes the duration when no end is given', async () => {
    const output = await event({ booking_id: 'BKNG-TZ', contact_id: leadId, start_time: '2026-11-23 10:00', time_zone: 'America/New_York', duration_minutes: 60 });

    expect(record(output.id)).toMatchObject({
      WhoId: leadId,
      Subject: 'Booking BKNG-TZ',
      StartDateTime: '2026-11-23T15:00:00.000+0000',
      EndDateTime: '2026-11-23T16:00:00.000+0000',
      DurationInMinutes: 60,
    });
  });

  it.each([
    ['Asia/Kolkata', '2026-07-01T03:30:00.000+0000'],
    ['Europe/Kyiv', '2026-07-01T06:00:00.000+0000'],
    ['Asia/Kathmandu', '2026-07-01T03:15:00.000+0000'],
    ['Etc/UTC', '2026-07-01T09:00:00.000+0000'],
  ])('takes a booking in %s, current and legacy zone names alike', async (zone, startUtc) => {
    const output = await event({ booking_id: `BKNG-${zone}`, contact_id: leadId, start_time: '2026-07-01 09:00', time_zone: zone });

    expect(record(output.id)).toMatchObject({ StartDateTime: startUtc, DurationInMinutes: 30 });
  });
});
