import { rejection } from '../helpers/errors';
import { API, App, bodiesOf, CONNECTIONS, expectComposite, mockDescribe, records, runStep, sf, soqlOf, useNock, type Sub } from '../providers/salesforce/support';
import restrictedPicklist from './fixtures/salesforce/restricted-picklist.json';

const perform = App.creates.create_activity_event.operation.perform;
type Output = Record<string, unknown>;

const CONTACT = '0035g0000Ada001AAA';
const LEAD = '00Q5g0000Lead01AAA';
const PERSON = '0015g0000Person1AA';
const PERSON_CONTACT = '0035g0000Person1AA';
const EVENT = '00U5g0000Evt001AAA';

const booking = {
  contact_id: CONTACT,
  booking_id: 'BKNG-1',
  subject: 'Intro call (OnceHub)',
  start_time: '2026-12-01T15:00:00Z',
  duration_minutes: 45,
  location: 'https://zoom.us/j/123',
  description: 'Booked through the OnceHub booking page.',
  owner_id: '005000000000001AAA',
  activity_type: 'meeting',
};

const events = (rows: Array<Record<string, unknown>> = []): Sub => ({ referenceId: 'events', httpStatusCode: 200, body: records('Event', rows) });
const SELECT = 'SELECT Id, OnceHub_Booking_ID__c, Event_Status__c, Description FROM Event WHERE OnceHub_Booking_ID__c IN';
/** The person's other OnceHub Events: a reschedule chain's Event is found by the markers in its Description. */
const personEvents = (who = CONTACT, field = 'WhoId') => `OR (${field} = '${who}' AND OnceHub_Booking_ID__c != null) ORDER BY CreatedDate ASC LIMIT 100`;
const ORDER = personEvents();

const eventBody = (extra: Record<string, unknown> = {}) => ({
  WhoId: CONTACT,
  Subject: 'Intro call (OnceHub)',
  StartDateTime: '2026-12-01T15:00:00.000Z',
  EndDateTime: '2026-12-01T15:45:00.000Z',
  Location: 'https://zoom.us/j/123',
  Description: 'Booked through the OnceHub booking page.',
  OwnerId: '005000000000001AAA',
  Type: 'Meeting',
  OnceHub_Booking_ID__c: 'BKNG-1',
  Event_Status__c: 'Scheduled',
  ...extra,
});

describe('Create or Update Activity Event (Salesforce)', () => {
  useNock();

  it('creates one Event for a new booking, with the booking ID and status in the detected custom fields', async () => {
    mockDescribe('Event', 'event');
    const lookups = expectComposite(() => [events()]);
    const create = bodiesOf();
    sf().post(`${API}/sobjects/Event`, create.matcher).reply(201, { id: EVENT, success: true, errors: [] });

    const result = await runStep<Output>(perform, booking);

    expect(lookups[0]!.compositeRequest.map((sub) => soqlOf(sub.url))).toEqual([`${SELECT} ('BKNG-1') ${ORDER}`]);
    expect(create.bodies).toEqual([eventBody()]);
    expect(result).toEqual({
      id: EVENT,
      crm: 'salesforce',
      created: true,
      action: 'created',
      status: 'Scheduled',
      booking_id: 'BKNG-1',
      url: `https://acme.my.salesforce.com/lightning/r/Event/${EVENT}/view`,
      object_type: 'Event',
      who_id: CONTACT,
      what_id: null,
      booking_id_field: 'OnceHub_Booking_ID__c',
      status_field: 'Event_Status__c',
      warnings: [],
    });
  });

  it('writes an Activity Type outside the unrestricted Type picklist as given, and says so', async () => {
    mockDescribe('Event', 'event');
    expectComposite(() => [events()]);
    const create = bodiesOf();
    sf().post(`${API}/sobjects/Event`, create.matcher).reply(201, { id: EVENT, success: true, errors: [] });

    const result = await runStep<Output>(perform, { ...booking, activity_type: 'Webinar' });

    expect(create.bodies).toEqual([{ ...eventBody(), Type: 'Webinar' }]);
    expect(result.warnings).toEqual([
      'Activity Type (activity_type): "Webinar" is not one of the Type (Type) picklist values; it was written as given, since the picklist is unrestricted. Its values: Call, Email, Meeting, Other.',
    ]);
  });

  it('updates the same Event when the step runs again (describe from the cache: two round trips)', async () => {
    mockDescribe('Event', 'event');
    expectComposite(() => [events()]);
    sf().post(`${API}/sobjects/Event`).reply(201, { id: EVENT, success: true, errors: [] });
    await runStep(perform, booking);

    expectComposite(() => [events([{ Id: EVENT, OnceHub_Booking_ID__c: 'BKNG-1', Event_Status__c: 'Scheduled' }])]);
    const update = bodiesOf();
    sf().patch(`${API}/sobjects/Event/${EVENT}`, update.matcher).reply(204);
    const result = await runStep<Output>(perform, booking, { cold: false });

    expect(update.bodies).toEqual([eventBody()]);
    expect(result).toMatchObject({ id: EVENT, created: false, action: 'updated' });
  });

  it('moves a rescheduled booking onto the Event of the booking it replaces', async () => {
    mockDescribe('Event', 'event');
    const lookups = expectComposite(() => [events([{ Id: EVENT, OnceHub_Booking_ID__c: 'BKNG-1', Event_Status__c: 'Scheduled' }])]);
    const update = bodiesOf();
    sf().patch(`${API}/sobjects/Event/${EVENT}`, update.matcher).reply(204);

    const result = await runStep<Output>(perform, {
      ...booking,
      booking_id: 'BKNG-2',
      previous_booking_id: 'BKNG-1',
      start_time: '2026-12-02T09:00:00',
      time_zone: 'America/New_York',
      status: 'rescheduled',
      cancel_reschedule_reason: 'Conflict with another meeting',
    });

    expect(soqlOf(lookups[0]!.compositeRequest[0]!.url)).toBe(`${SELECT} ('BKNG-2', 'BKNG-1') ${ORDER}`);
    expect(update.bodies).toEqual([
      eventBody({
        StartDateTime: '2026-12-02T14:00:00.000Z',
        EndDateTime: '2026-12-02T14:45:00.000Z',
        OnceHub_Booking_ID__c: 'BKNG-2',
        Event_Status__c: 'Rescheduled',
        Cancel_Reschedule_Reason__c: 'Conflict with another meeting',
        Description: 'Booked through the OnceHub booking page.\n\n[OnceHub booking BKNG-2] [OnceHub booking BKNG-1]',
      }),
    ]);
    expect(result).toMatchObject({ id: EVENT, action: 'updated', status: 'Rescheduled', booking_id: 'BKNG-2' });
  });

  it('keeps a canceled booking’s Event with its status set', async () => {
    mockDescribe('Event', 'event');
    expectComposite(() => [events([{ Id: EVENT, OnceHub_Booking_ID__c: 'BKNG-1' }])]);
    const update = bodiesOf();
    sf().patch(`${API}/sobjects/Event/${EVENT}`, update.matcher).reply(204);
    await runStep(perform, { ...booking, status: 'Cancelled', cancel_reschedule_reason: 'No longer needed' });
    expect(update.bodies[0]).toMatchObject({ Event_Status__c: 'Canceled', Cancel_Reschedule_Reason__c: 'No longer needed' });
  });

  it('deletes a canceled booking’s Event when On Cancel is delete, and a replay deletes nothing more', async () => {
    mockDescribe('Event', 'event');
    expectComposite(() => [events([{ Id: EVENT, OnceHub_Booking_ID__c: 'BKNG-1' }])]);
    sf().delete(`${API}/sobjects/Event/${EVENT}`).reply(204);
    const first = await runStep<Output>(perform, { ...booking, status: 'Canceled', on_cancel: 'delete' });
    expect(first).toMatchObject({ id: EVENT, action: 'deleted', created: false, status: 'Canceled' });

    expectComposite(() => [events()]);
    const again = await runStep<Output>(perform, { ...booking, status: 'Canceled', on_cancel: 'delete' }, { cold: false });
    expect(again).toMatchObject({ id: '', action: 'deleted', url: '' });
  });

  it('links a Person Account through its person contact, looked up in the same round trip, on a sandbox', async () => {
    const auth = CONNECTIONS.sandbox;
    mockDescribe('Event', 'event', auth);
    const lookups = expectComposite(
      () => [events(), { referenceId: 'person', httpStatusCode: 200, body: records('Account', [{ Id: PERSON, PersonContactId: PERSON_CONTACT }]) }],
      auth,
    );
    const create = bodiesOf();
    sf(auth).post(`${API}/sobjects/Event`, create.matcher).reply(201, { id: EVENT, success: true, errors: [] });

    const result = await runStep<Output>(perform, { ...booking, contact_id: PERSON, what_id: '5005g0000Case01AAA' }, { auth });

    expect(soqlOf(lookups[0]!.compositeRequest[0]!.url)).toBe(`${SELECT} ('BKNG-1') ${personEvents(PERSON, 'AccountId')}`);
    expect(soqlOf(lookups[0]!.compositeRequest[1]!.url)).toBe(`SELECT Id, PersonContactId FROM Account WHERE Id = '${PERSON}'`);
    expect(create.bodies).toEqual([eventBody({ WhoId: PERSON_CONTACT, WhatId: '5005g0000Case01AAA' })]);
    expect(result).toMatchObject({ who_id: PERSON_CONTACT, what_id: '5005g0000Case01AAA', url: `https://acme--uat.sandbox.my.salesforce.com/lightning/r/Event/${EVENT}/view` });
  });

  it('uses the fields the user chose and escapes the booking ID in SOQL', async () => {
    mockDescribe('Event', 'event');
    const lookups = expectComposite(() => [events()]);
    const create = bodiesOf();
    sf().post(`${API}/sobjects/Event`, create.matcher).reply(201, { id: EVENT, success: true, errors: [] });

    await runStep(perform, { ...booking, booking_id: "B'1\\", reason_field: 'Meeting_Notes__c', cancel_reschedule_reason: 'n/a', contact_id: LEAD });

    expect(soqlOf(lookups[0]!.compositeRequest[0]!.url)).toBe(`${SELECT} ('B\\'1\\\\') ${personEvents(LEAD)}`);
    expect(create.bodies[0]).toMatchObject({ WhoId: LEAD, OnceHub_Booking_ID__c: "B'1\\", Meeting_Notes__c: 'n/a' });
  });

  describe('reschedule chains and Status Changed At', () => {
    const CHAIN = 'Booked through the OnceHub booking page.\n\n[OnceHub booking BKNG-2] [OnceHub booking BKNG-1]';
    const canceled = (description: string) => ({ Id: EVENT, OnceHub_Booking_ID__c: 'BKNG-2', Event_Status__c: 'Canceled', Description: description });

    it('records when the status changed in the Description', async () => {
      mockDescribe('Event', 'event');
      expectComposite(() => [events()]);
      const create = bodiesOf();
      sf().post(`${API}/sobjects/Event`, create.matcher).reply(201, { id: EVENT, success: true, errors: [] });

      await runStep(perform, { ...booking, status_updated_at: '2026-11-23T10:00:00Z' });

      expect(create.bodies).toEqual([eventBody({ Description: 'Booked through the OnceHub booking page.\n\nStatus changed at: 2026-11-23T10:00:00.000Z' })]);
    });

    it('a late delivery of the replaced booking finds the chain’s Event by its marker, not a second Event', async () => {
      mockDescribe('Event', 'event');
      expectComposite(() => [events([canceled(CHAIN)])]);
      const update = bodiesOf();
      sf().patch(`${API}/sobjects/Event/${EVENT}`, update.matcher).reply(204);

      const result = await runStep<Output>(perform, { ...booking, description: undefined });

      // Without a status time the delivery processed last wins, as before; the markers keep the whole chain.
      expect(update.bodies).toEqual([eventBody({ Description: 'Booked through the OnceHub booking page.\n\n[OnceHub booking BKNG-1] [OnceHub booking BKNG-2]' })]);
      expect(result).toMatchObject({ id: EVENT, action: 'updated' });
    });

    it('leaves an Event that records a newer status as it is, after one round trip, and says so', async () => {
      mockDescribe('Event', 'event');
      expectComposite(() => [events([canceled(`${CHAIN.replace('\n\n[', '\n\nStatus changed at: 2026-11-23T10:00:00.000Z\n[')}`)])]);

      const result = await runStep<Output>(perform, { ...booking, status: 'Rescheduled', status_updated_at: '2026-11-23T10:00:00Z' });

      expect(result).toEqual({
        id: EVENT,
        crm: 'salesforce',
        created: false,
        action: 'skipped_stale',
        status: 'Canceled',
        booking_id: 'BKNG-1',
        url: `https://acme.my.salesforce.com/lightning/r/Event/${EVENT}/view`,
        object_type: 'Event',
        who_id: CONTACT,
        what_id: null,
        booking_id_field: 'OnceHub_Booking_ID__c',
        status_field: 'Event_Status__c',
        warnings: [],
      });
    });

    it('a newer status replaces the recorded time; a step without a time clears it', async () => {
      mockDescribe('Event', 'event');
      const timedChain = CHAIN.replace('\n\n[', '\n\nStatus changed at: 2026-11-23T10:00:00.000Z\n[');
      expectComposite(() => [events([canceled(timedChain)])]);
      const update = bodiesOf();
      sf().patch(`${API}/sobjects/Event/${EVENT}`, update.matcher).times(2).reply(204);

      await runStep(perform, { ...booking, booking_id: 'BKNG-2', status: 'No-show', status_updated_at: '2026-11-24T08:00:00Z', description: undefined });
      expectComposite(() => [events([canceled(timedChain)])]);
      await runStep(perform, { ...booking, booking_id: 'BKNG-2', status: 'No-show', description: undefined }, { cold: false });

      expect(update.bodies.map((body) => body.Description)).toEqual([
        'Booked through the OnceHub booking page.\n\nStatus changed at: 2026-11-24T08:00:00.000Z\n[OnceHub booking BKNG-2] [OnceHub booking BKNG-1]',
        CHAIN,
      ]);
    });
  });

  it.each([
    [{ contact_id: LEAD, what_id: '5005g0000Case01AAA' }, 'Salesforce cannot relate an Event to both a Lead and another record: clear Related To ID (what_id), or convert the Lead first.'],
    [{ what_id: 'case 42' }, 'Related To ID (what_id) "case 42" is not a Salesforce record ID.'],
    [{ contact_id: '5005g0000Case01AAA' }, 'Contact ID (contact_id) "5005g0000Case01AAA" is not the ID of a Salesforce Lead, Contact or Person Account.'],
    [{ booking_id_field: 'Booking_Ref__c' }, 'Booking ID Field (booking_id_field) is set to "Booking_Ref__c", which is not an editable Event field for the connected user. Choose another field, or ask your admin for access.'],
    [{ booking_id_field: 'Id FROM User' }, "Please fix this step's input: Booking ID Field (booking_id_field) must be a field API name such as OnceHub_Booking_ID__c; got \"Id FROM User\"."],
  ])('rejects %j before writing', async (input, message) => {
    if (!('booking_id_field' in input && input.booking_id_field.includes(' '))) mockDescribe('Event', 'event');
    const error = await rejection(runStep(perform, { ...booking, ...input }));
    expect(error.message).toBe(message);
  });

  it('says which field to add when the org has no booking ID field on Events', async () => {
    mockDescribe('Event', 'event-plain');
    const error = await rejection(runStep(perform, booking));
    expect(error.message).toBe(
      'Events need a custom field that stores the OnceHub booking ID, so a rescheduled or canceled booking updates its Event instead of adding another. ' +
        'Ask your Salesforce admin to add one: Setup → Object Manager → Activity → Fields & Relationships → New → Text (255), label "OnceHub Booking ID" ' +
        '(API name OnceHub_Booking_ID__c), marked External ID. Then choose it in Booking ID Field (booking_id_field).',
    );
  });

  it('rejects a business Account that has no person contact', async () => {
    mockDescribe('Event', 'event');
    expectComposite(() => [events(), { referenceId: 'person', httpStatusCode: 200, body: records('Account', [{ Id: PERSON, PersonContactId: null }]) }]);
    const error = await rejection(runStep(perform, { ...booking, contact_id: PERSON }));
    expect(error.message).toBe(`Contact ID (contact_id) "${PERSON}" is a business Account, not a person: map a Contact, Lead or Person Account.`);
  });

  it('shows a restricted picklist refusal in words', async () => {
    mockDescribe('Event', 'event');
    expectComposite(() => [events()]);
    sf().post(`${API}/sobjects/Event`).reply(400, restrictedPicklist);
    const error = await rejection(runStep(perform, booking));
    expect(error.message).toBe(
      "Salesforce rejected a picklist value (field: Event_Status__c): Event Status: bad value for restricted picklist field: Tentative. Choose one of the field's active values from the dropdown.",
    );
  });

  it('shows a Lead combined with a related record as Salesforce words it', async () => {
    mockDescribe('Event', 'event');
    expectComposite(() => [events()]);
    sf()
      .post(`${API}/sobjects/Event`)
      .reply(400, [{ errorCode: 'FIELD_INTEGRITY_EXCEPTION', message: 'Name ID: id value of incorrect type: 0015g0000Biz0001AA', fields: ['WhoId'] }]);
    const error = await rejection(runStep(perform, booking));
    expect(error.message).toBe(
      'Salesforce rejected how the records are linked (field: WhoId): Name ID: id value of incorrect type: 0015g0000Biz0001AA. (A Lead cannot be combined with a related record such as a Case.)',
    );
  });
});
