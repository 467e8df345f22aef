import { rejection } from '../helpers/errors';
import { App, CONNECTIONS, expectComposite, records, runStep, soqlOf, useNock, type CompositeBody, type Sub } from '../providers/salesforce/support';

const perform = App.creates.apply_tag.operation.perform;
type Output = { contact_id: string; tags: Array<{ id: string; name: string; status: string }>; applied_count: number; removed_count: number };

const LEAD = '00Q5g0000Lead01AAA';
const SCHEDULED = { Id: '0TO5g0000000001GAA', Name: 'Scheduled' };
const CANCELED = { Id: '0TO5g0000000003GAA', Name: 'Canceled' };
const VIP = { Id: '0TO5g0000000009GAA', Name: 'VIP' };
const BOOKING = { Id: '0TO5g0000000305GAA', Name: 'Scheduled (Booking ID: BKNG-1)' };
const assignment = (Id: string, TopicId: string) => ({ Id, TopicId });

const state = (topics: Array<{ Id: string; Name: string }>, assigned: Array<{ Id: string; TopicId: string }>) => (): Sub[] => [
  { referenceId: 'topics', httpStatusCode: 200, body: records('Topic', topics) },
  { referenceId: 'assigned', httpStatusCode: 200, body: records('TopicAssignment', assigned) },
];
const created = (body: CompositeBody): Sub[] =>
  body.compositeRequest.map((sub, i) => ({
    referenceId: sub.referenceId,
    httpStatusCode: sub.method === 'DELETE' ? 204 : 201,
    body: sub.method === 'DELETE' ? null : { id: sub.url.endsWith('/Topic') ? BOOKING.Id : `0FT5g00000000${10 + i}AAA`, success: true, errors: [] },
  }));
const brief = (body: CompositeBody) => body.compositeRequest.map((sub) => [sub.referenceId, sub.method, sub.url.replace('/services/data/v62.0', ''), sub.body]);

const lifecycle = { contact_id: LEAD, booking_status: 'Scheduled', booking_id: 'BKNG-1' };
const STATUS_NAMES = "'Scheduled', 'Scheduled (Booking ID: BKNG-1)', 'Rescheduled', 'Completed', 'Canceled', 'No-show'";

describe('Apply Tag (Salesforce Topics)', () => {
  useNock();

  it('applies lifecycle topics in two composite calls: creates the booking topic once, assigns, removes the old status', async () => {
    const reads = expectComposite(state([SCHEDULED, CANCELED], [assignment('0FT5g0000000777AAA', CANCELED.Id)]));
    const writes = expectComposite(created);

    const result = await runStep<Output>(perform, lifecycle);

    expect(reads[0]!.compositeRequest.map((sub) => soqlOf(sub.url))).toEqual([
      `SELECT Id, Name FROM Topic WHERE Name IN (${STATUS_NAMES}) LIMIT 2000`,
      `SELECT Id, TopicId FROM TopicAssignment WHERE EntityId = '${LEAD}' LIMIT 2000`,
    ]);
    expect(writes[0]!.allOrNone).toBe(false);
    expect(brief(writes[0]!)).toEqual([
      ['assign0', 'POST', '/sobjects/TopicAssignment', { TopicId: SCHEDULED.Id, EntityId: LEAD }],
      ['topic1', 'POST', '/sobjects/Topic', { Name: 'Scheduled (Booking ID: BKNG-1)' }],
      ['assign1', 'POST', '/sobjects/TopicAssignment', { TopicId: '@{topic1.id}', EntityId: LEAD }],
      ['remove2', 'DELETE', '/sobjects/TopicAssignment/0FT5g0000000777AAA', undefined],
    ]);
    expect(result).toEqual({
      id: LEAD,
      action: 'applied',
      contact_id: LEAD,
      tags: [
        { id: SCHEDULED.Id, name: 'Scheduled', status: 'applied' },
        { id: BOOKING.Id, name: 'Scheduled (Booking ID: BKNG-1)', status: 'created' },
        { id: '', name: 'Rescheduled', status: 'not_present' },
        { id: '', name: 'Completed', status: 'not_present' },
        { id: CANCELED.Id, name: 'Canceled', status: 'removed' },
        { id: '', name: 'No-show', status: 'not_present' },
      ],
      applied_count: 2,
      removed_count: 1,
    });
  });

  it('changes nothing when the same step runs again', async () => {
    expectComposite(state([SCHEDULED, BOOKING, CANCELED], [assignment('0FT01', SCHEDULED.Id), assignment('0FT02', BOOKING.Id)]));
    const result = await runStep<Output>(perform, lifecycle);
    expect(result.tags.map((tag) => [tag.name, tag.status])).toEqual([
      ['Scheduled', 'already_present'],
      ['Scheduled (Booking ID: BKNG-1)', 'already_present'],
      ['Rescheduled', 'not_present'],
      ['Completed', 'not_present'],
      ['Canceled', 'not_present'],
      ['No-show', 'not_present'],
    ]);
  });

  it('matches topic names case-insensitively and accepts topic IDs, on a Person Account found by email', async () => {
    const find = expectComposite(() => [
      { referenceId: 'Contact', httpStatusCode: 200, body: records('Contact', [{ Id: '0035g0000Person1AA', Email: 'ada@example.com' }]) },
      {
        referenceId: 'PersonAccount',
        httpStatusCode: 200,
        body: records('Account', [{ Id: '0015g0000Person1AA', PersonEmail: 'ada@example.com', PersonContactId: '0035g0000Person1AA' }]),
      },
      { referenceId: 'Lead', httpStatusCode: 200, body: records('Lead', []) },
    ]);
    const reads = expectComposite(state([VIP, SCHEDULED], []));
    const writes = expectComposite(created);

    const result = await runStep<Output>(perform, { email: 'ada@example.com', tags: 'vip, 0TO5g0000000001GAA', create_missing_tags: false });

    expect(find).toHaveLength(1);
    expect(soqlOf(reads[0]!.compositeRequest[0]!.url)).toBe("SELECT Id, Name FROM Topic WHERE Name IN ('vip') OR Id IN ('0TO5g0000000001GAA') LIMIT 2000");
    expect(soqlOf(reads[0]!.compositeRequest[1]!.url)).toContain("EntityId = '0015g0000Person1AA'");
    expect(brief(writes[0]!)).toEqual([
      ['assign0', 'POST', '/sobjects/TopicAssignment', { TopicId: VIP.Id, EntityId: '0015g0000Person1AA' }],
      ['assign1', 'POST', '/sobjects/TopicAssignment', { TopicId: SCHEDULED.Id, EntityId: '0015g0000Person1AA' }],
    ]);
    expect(result.tags).toEqual([
      { id: VIP.Id, name: 'VIP', status: 'applied' },
      { id: SCHEDULED.Id, name: 'Scheduled', status: 'applied' },
    ]);
  });

  describe('with Status Changed At (lifecycle mode)', () => {
    const CANCELED_BOOKING = { Id: '0TO5g0000000310GAA', Name: 'Canceled (Booking ID: BKNG-1)' };
    /** An assignment read with its topic's name and description, where booking topics record their status time. */
    const timedAssignment = (Id: string, topic: { Id: string; Name: string }, description: string | null = null) => ({
      Id,
      TopicId: topic.Id,
      Topic: { attributes: { type: 'Topic' }, Name: topic.Name, Description: description },
    });
    const timed = { ...lifecycle, status_updated_at: '2026-11-23T10:00:00Z' };

    it('reads the assigned topics’ descriptions in the same round trip and records the time on the booking topic it creates', async () => {
      const reads = expectComposite(state([SCHEDULED, CANCELED], [timedAssignment('0FT5g0000000777AAA', CANCELED)]));
      const writes = expectComposite(created);

      const result = await runStep<Output>(perform, timed);

      expect(soqlOf(reads[0]!.compositeRequest[1]!.url)).toBe(
        `SELECT Id, TopicId, Topic.Name, Topic.Description FROM TopicAssignment WHERE EntityId = '${LEAD}' LIMIT 2000`,
      );
      expect(brief(writes[0]!)).toEqual([
        ['assign0', 'POST', '/sobjects/TopicAssignment', { TopicId: SCHEDULED.Id, EntityId: LEAD }],
        ['topic1', 'POST', '/sobjects/Topic', { Name: 'Scheduled (Booking ID: BKNG-1)', Description: 'Status changed at: 2026-11-23T10:00:00.000Z' }],
        ['assign1', 'POST', '/sobjects/TopicAssignment', { TopicId: '@{topic1.id}', EntityId: LEAD }],
        ['remove2', 'DELETE', '/sobjects/TopicAssignment/0FT5g0000000777AAA', undefined],
      ]);
      expect(result).toMatchObject({ action: 'applied', applied_count: 2, removed_count: 1 });
    });

    it('an older status than the record’s booking topics record adds only its booking topic; the status topics stay', async () => {
      expectComposite(
        state(
          [SCHEDULED, CANCELED],
          [
            timedAssignment('0FT01', CANCELED),
            timedAssignment('0FT02', CANCELED_BOOKING, 'Status changed at: 2026-11-23T10:00:01.000Z'),
          ],
        ),
      );
      const writes = expectComposite(created);

      const result = await runStep<Output>(perform, timed);

      expect(brief(writes[0]!)).toEqual([
        ['topic0', 'POST', '/sobjects/Topic', { Name: 'Scheduled (Booking ID: BKNG-1)', Description: 'Status changed at: 2026-11-23T10:00:00.000Z' }],
        ['assign0', 'POST', '/sobjects/TopicAssignment', { TopicId: '@{topic0.id}', EntityId: LEAD }],
      ]);
      expect(result).toEqual({
        id: LEAD,
        contact_id: LEAD,
        action: 'skipped_stale',
        tags: [{ id: BOOKING.Id, name: 'Scheduled (Booking ID: BKNG-1)', status: 'created' }],
        applied_count: 1,
        removed_count: 0,
      });
    });

    it('a replay of the recorded change itself is not older: it changes nothing and says applied', async () => {
      const SCHEDULED_BOOKING = { ...BOOKING };
      expectComposite(
        state(
          [SCHEDULED, SCHEDULED_BOOKING],
          [timedAssignment('0FT01', SCHEDULED), timedAssignment('0FT02', SCHEDULED_BOOKING, 'Status changed at: 2026-11-23T10:00:00.000Z')],
        ),
      );
      const result = await runStep<Output>(perform, timed);
      expect(result).toMatchObject({ action: 'applied', applied_count: 0, removed_count: 0 });
    });
  });

  it('escapes topic names in SOQL', async () => {
    const reads = expectComposite(state([], []));
    expectComposite(created);
    await runStep(perform, { contact_id: LEAD, tags: "O'Brien \\ VIP" });
    expect(soqlOf(reads[0]!.compositeRequest[0]!.url)).toBe("SELECT Id, Name FROM Topic WHERE Name IN ('O\\'Brien \\\\ VIP') LIMIT 2000");
  });

  it('refuses to create topics when Create Missing Tags is off', async () => {
    expectComposite(state([SCHEDULED], []));
    const error = await rejection(runStep(perform, { contact_id: LEAD, tags: 'Scheduled, Hot Prospect', create_missing_tags: false }));
    expect(error.message).toBe(
      'These topics do not exist in Salesforce: Hot Prospect. Turn on Create Missing Tags (create_missing_tags), or create the topics in Salesforce first.',
    );
  });

  it('says how to enable Topics when Salesforce refuses the assignment', async () => {
    expectComposite(state([SCHEDULED], []));
    expectComposite(() => [
      {
        referenceId: 'assign0',
        httpStatusCode: 400,
        body: [{ errorCode: 'FIELD_INTEGRITY_EXCEPTION', message: "Topics aren't enabled for this entity type.", fields: ['EntityId'] }],
      },
    ]);
    const error = await rejection(runStep(perform, { contact_id: '0035g0000Ada001AAA', tags: 'Scheduled' }));
    expect(error.message).toBe(
      'Topics are not enabled for Contacts in this Salesforce org, so tags cannot be applied. An admin can turn them on in Setup → Topics for Objects: select Contacts, check Enable Topics, and save. Then run this step again.',
    );
  });

  it('words any other failed write with the Salesforce error mapper', async () => {
    expectComposite(state([], []));
    expectComposite(() => [
      {
        referenceId: 'topic0',
        httpStatusCode: 400,
        body: [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Topic names need a prefix', fields: [] }],
      },
      { referenceId: 'assign0', httpStatusCode: 400, body: [{ errorCode: 'PROCESSING_HALTED', message: 'Invalid reference specified.' }] },
    ]);
    const error = await rejection(runStep(perform, { contact_id: LEAD, tags: 'Webinar' }));
    expect(error.message).toBe(
      'Salesforce could not apply the topic "Webinar": A Salesforce validation rule blocked the save: Topic names need a prefix. Change the mapped value or ask your Salesforce admin about the rule.',
    );
  });

  it('reads again and assigns a topic that a concurrent run created first (DUPLICATE_VALUE), instead of failing', async () => {
    expectComposite(state([], []));
    expectComposite(() => [
      {
        referenceId: 'topic0',
        httpStatusCode: 400,
        body: [{ errorCode: 'DUPLICATE_VALUE', message: 'duplicate value found: Name duplicates value on record with id: 0TO5g0000000042', fields: ['Name'] }],
      },
      { referenceId: 'assign0', httpStatusCode: 400, body: [{ errorCode: 'PROCESSING_HALTED', message: 'Invalid reference specified.' }] },
    ]);
    expectComposite(state([{ Id: '0TO5g0000000042AAA', Name: 'Webinar' }], []));
    const assign = expectComposite(created);

    const result = await runStep<Output>(perform, { contact_id: LEAD, tags: 'Webinar' });

    expect(brief(assign[0]!)).toEqual([['assign0', 'POST', '/sobjects/TopicAssignment', { TopicId: '0TO5g0000000042AAA', EntityId: LEAD }]]);
    expect(result.tags).toEqual([{ id: '0TO5g0000000042AAA', name: 'Webinar', status: 'applied' }]);
  });

  it('splits many writes into composite calls of at most 25', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `Topic ${i}`);
    expectComposite(state([], []));
    const first = expectComposite(created);
    const second = expectComposite(created);
    const result = await runStep<Output>(perform, { contact_id: LEAD, tags: names.join(',') }, { auth: CONNECTIONS.myDomain });
    expect(first[0]!.compositeRequest).toHaveLength(24);
    expect(second[0]!.compositeRequest).toHaveLength(16);
    expect(result.tags.every((tag) => tag.status === 'created')).toBe(true);
  });

  it('rejects a Contact ID that is not a Salesforce ID', async () => {
    const error = await rejection(runStep(perform, { contact_id: "x' OR Id != '", tags: 'VIP' }));
    expect(error.message).toBe('Contact ID (contact_id) "x\' OR Id != \'" is not a Salesforce record ID.');
  });
});
