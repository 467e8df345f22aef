import { failure, ops, run, useIntegration } from './support';

/** Create or Update Activity Event logged as a Salesforce Task, over HTTP against the sandbox. */
const ctx = useIntegration();

type Activity = { id: string; action: string; status: string; object_type: string; url: string };

const activity = (inputData: Record<string, unknown>) =>
  run<Activity>(ctx, ctx.salesforce, ops.activity, { log_as: 'Task', start_time: '2027-01-05T15:00:00Z', subject: 'Intro call', ...inputData });
const tasks = () => ctx.sandbox.state.salesforce.records('Task');

beforeEach(() => ctx.sandbox.reset());

describe('Create or Update Activity Event logged as a Task (Salesforce)', () => {
  it('keeps one Task per booking chain through its lifecycle and closes it with the org’s closed status when the meeting is completed', async () => {
    const lead = await run<{ id: string }>(ctx, ctx.salesforce, ops.upsertContact, { email: 'task@example.com', last_name: 'Task' });

    const scheduled = await activity({ contact_id: lead.id, booking_id: 'BKNG-T1', status: 'Scheduled', status_updated_at: '2027-01-01T10:00:00Z' });
    expect(scheduled).toMatchObject({ action: 'created', object_type: 'Task', url: expect.stringContaining('/lightning/r/Task/') });
    expect(tasks()[0]).toMatchObject({ WhoId: lead.id, ActivityDate: '2027-01-05', Status: 'Not Started', IsClosed: false, Event_Status__c: 'Scheduled', OnceHub_Booking_ID__c: 'BKNG-T1' });

    const moved = await activity({ contact_id: lead.id, booking_id: 'BKNG-T2', previous_booking_id: 'BKNG-T1', start_time: '2027-01-07T15:00:00Z', status: 'Rescheduled', status_updated_at: '2027-01-02T10:00:00Z' });
    expect(moved).toMatchObject({ id: scheduled.id, action: 'updated' });

    const late = await activity({ contact_id: lead.id, booking_id: 'BKNG-T1', status: 'Scheduled', status_updated_at: '2027-01-01T10:00:00Z' });
    expect(late).toMatchObject({ id: scheduled.id, action: 'skipped_stale' });

    const done = await activity({ contact_id: lead.id, booking_id: 'BKNG-T2', start_time: '2027-01-07T15:00:00Z', status: 'Completed', status_updated_at: '2027-01-07T16:00:00Z' });
    expect(done).toMatchObject({ id: scheduled.id, action: 'updated', status: 'Completed' });
    expect(tasks()).toHaveLength(1);
    expect(tasks()[0]).toMatchObject({ ActivityDate: '2027-01-07', Status: 'Completed', IsClosed: true, Event_Status__c: 'Completed' });
    expect(ctx.sandbox.state.salesforce.records('Event')).toEqual([]);
  });

  it('closes a missed meeting’s Task too, and refuses an unknown Log As', async () => {
    const lead = await run<{ id: string }>(ctx, ctx.salesforce, ops.upsertContact, { email: 'noshow.task@example.com', last_name: 'Task' });
    await activity({ contact_id: lead.id, booking_id: 'BKNG-T3', status: 'No-show' });
    expect(tasks()[0]).toMatchObject({ Status: 'Completed', IsClosed: true, Event_Status__c: 'No-show' });
    expect((await failure(activity({ contact_id: lead.id, booking_id: 'BKNG-T4', log_as: 'Memo' }))).message).toContain('Log As (log_as) must be one of Event, Task');
  });
});
