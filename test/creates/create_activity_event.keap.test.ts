import App from '../../index';
import { rejection } from '../helpers/errors';
import { appTester, captured, fixture, keapApi, keapAuth, REST, useKeapNock, WEB_APP } from '../providers/keap/helpers';

const perform = App.creates.create_activity_event.operation.perform;
const run = (inputData: Record<string, unknown>) =>
  appTester(perform as never, { authData: keapAuth, inputData, meta: {} } as never, true) as Promise<Record<string, unknown>>;

const booking = {
  contact_id: '2841',
  booking_id: 'BKNG-1',
  subject: 'Intro call',
  start_time: '2026-12-01T15:00:00Z',
  duration_minutes: 30,
  location: 'Zoom',
  conferencing_url: 'https://zoom.us/j/1',
  description: 'Discuss the pilot',
  status: 'Scheduled',
};

const SCHEDULED_DESCRIPTION = [
  'Status: Scheduled',
  'Start (UTC): 2026-12-01T15:00:00.000Z',
  'End (UTC): 2026-12-01T15:30:00.000Z',
  'Duration: 30 minutes',
  'Location: Zoom',
  'Conferencing URL: https://zoom.us/j/1',
  'Booking ID: BKNG-1',
  '',
  'Discuss the pilot',
  '',
  '[OnceHub booking BKNG-1]',
].join('\n');

const otherTask = { id: '1100', title: 'Send proposal', description: 'Follow up [OnceHub booking BKNG-10]', contact_id: '2841' };
const bookingTask = {
  id: '1207',
  title: 'Scheduled: Intro call',
  description: SCHEDULED_DESCRIPTION,
  type: 'Call',
  priority: 'NONESSENTIAL',
  completed: false,
  due_time: '2026-12-01T15:00:00Z',
  assigned_to_user_id: '7',
  contact_id: '2841',
};

const mockTaskList = (tasks: unknown[], contactId = '2841') =>
  keapApi().get(`${REST}/v2/tasks`).query({ filter: `contact_id==${contactId}`, page_size: '1000' }).reply(200, { tasks, next_page_token: '' });
const mockTaskTypes = () =>
  keapApi().get(`${REST}/v2/settings/applications:getConfiguration`).query({ fields: 'TASK' }).reply(200, fixture('application-configuration'));
const mockConnectedUser = () => {
  keapApi().get(`${REST}/v2/oauth/connect/userinfo`).reply(200, fixture('userinfo'));
  keapApi()
    .get(`${REST}/v2/users`)
    .query({ filter: 'email==alan@example.com', page_size: '100' })
    .reply(200, { users: [fixture<{ users: unknown[] }>('users').users[1]], next_page_token: '' });
};
const mask = (...keys: string[]) => ({ update_mask: keys });

describe('Create or Update Activity Event (Keap task)', () => {
  useKeapNock();

  it('creates a Call task with Non-Essential priority assigned to the connected user', async () => {
    mockTaskList([otherTask]);
    mockTaskTypes();
    mockConnectedUser();
    const create = captured();
    keapApi().post(`${REST}/v2/tasks`, create.matcher).reply(201, { ...bookingTask, create_time: '2026-11-23T10:00:00Z' });

    const result = await run(booking);

    expect(create.bodies).toEqual([
      {
        title: 'Scheduled: Intro call',
        description: SCHEDULED_DESCRIPTION,
        due_time: '2026-12-01T15:00:00.000Z',
        completed: false,
        type: 'Call',
        priority: 'NONESSENTIAL',
        assigned_to_user_id: '7',
        contact_id: '2841',
      },
    ]);
    expect(result).toEqual({
      id: '1207',
      crm: 'keap',
      created: true,
      action: 'created',
      status: 'Scheduled',
      booking_id: 'BKNG-1',
      url: `${WEB_APP}/Task/manageTask.jsp?view=edit&ID=1207`,
      contact_url: `${WEB_APP}/Contact/manageContact.jsp?view=edit&ID=2841`,
      contact_id: '2841',
      title: 'Scheduled: Intro call',
      type: 'Call',
      priority: 'NONESSENTIAL',
      due_time: '2026-12-01T15:00:00Z',
      completed: false,
    });
  });

  it('updates the same task when the step runs again, never creating a second one', async () => {
    mockTaskList([otherTask, bookingTask]);
    const update = captured();
    keapApi()
      .patch(`${REST}/v2/tasks/1207`, update.matcher)
      .query(mask('title', 'description', 'due_time', 'completed'))
      .reply(200, bookingTask);

    const result = await run(booking);

    expect(update.bodies).toEqual([
      { title: 'Scheduled: Intro call', description: SCHEDULED_DESCRIPTION, due_time: '2026-12-01T15:00:00.000Z', completed: false },
    ]);
    expect(result).toMatchObject({ id: '1207', created: false, action: 'updated', status: 'Scheduled' });
  });

  it('follows a rescheduled booking to the task of the booking it replaces', async () => {
    mockTaskList([bookingTask]);
    const update = captured();
    keapApi().patch(`${REST}/v2/tasks/1207`, update.matcher).query(true).reply(200, { ...bookingTask, title: 'Rescheduled: Intro call' });

    const result = await run({
      ...booking,
      booking_id: 'BKNG-2',
      previous_booking_id: 'BKNG-1',
      status: 'Rescheduled',
      start_time: '2026-12-02T15:00:00Z',
      cancel_reschedule_reason: 'Conflict',
      description: undefined,
    });

    expect(update.bodies[0]).toMatchObject({ title: 'Rescheduled: Intro call', due_time: '2026-12-02T15:00:00.000Z', completed: false });
    expect(update.bodies[0]!.description).toBe(
      [
        'Status: Rescheduled',
        'Cancel/Reschedule reason: Conflict',
        'Start (UTC): 2026-12-02T15:00:00.000Z',
        'End (UTC): 2026-12-02T15:30:00.000Z',
        'Duration: 30 minutes',
        'Location: Zoom',
        'Conferencing URL: https://zoom.us/j/1',
        'Booking ID: BKNG-2',
        'Previous booking ID: BKNG-1',
        '',
        '[OnceHub booking BKNG-2] [OnceHub booking BKNG-1]',
      ].join('\n'),
    );
    expect(result).toMatchObject({ id: '1207', action: 'updated', status: 'Rescheduled', booking_id: 'BKNG-2' });
  });

  it('marks a completed booking done and applies the type, priority and owner the step sets', async () => {
    mockTaskList([bookingTask]);
    mockTaskTypes();
    const update = captured();
    keapApi()
      .patch(`${REST}/v2/tasks/1207`, update.matcher)
      .query(mask('title', 'description', 'due_time', 'completed', 'completion_time', 'type', 'priority', 'assigned_to_user_id'))
      .reply(200, { ...bookingTask, completed: true, type: 'Email', priority: 'CRITICAL' });

    const result = await run({ ...booking, status: 'completed', activity_type: 'email', priority: 'Critical', owner_id: '1' });

    expect(update.bodies[0]).toMatchObject({
      title: 'Completed: Intro call',
      completed: true,
      completion_time: '2026-12-01T15:30:00.000Z',
      type: 'Email',
      priority: 'CRITICAL',
      assigned_to_user_id: '1',
    });
    expect(result).toMatchObject({ status: 'Completed', completed: true, type: 'Email', priority: 'CRITICAL' });
  });

  it('shows a canceled booking on the task without completing it', async () => {
    mockTaskList([bookingTask]);
    const update = captured();
    keapApi().patch(`${REST}/v2/tasks/1207`, update.matcher).query(true).reply(200, bookingTask);
    await run({ ...booking, status: 'cancelled', cancel_reschedule_reason: 'Sick' });
    expect(update.bodies[0]).toMatchObject({ title: 'Canceled: Intro call', completed: false });
    expect(update.bodies[0]!.description).toContain('Status: Canceled\nCancel/Reschedule reason: Sick\n');
  });

  it('assigns a new task to the chosen owner without asking who is connected', async () => {
    mockTaskList([]);
    mockTaskTypes();
    const create = captured();
    keapApi().post(`${REST}/v2/tasks`, create.matcher).reply(201, { ...bookingTask, assigned_to_user_id: '1' });
    await run({ ...booking, owner_id: '1', subject: undefined });
    expect(create.bodies[0]).toMatchObject({ assigned_to_user_id: '1', title: 'Scheduled: OnceHub booking' });
  });

  it('finds the contact by email', async () => {
    keapApi().get(`${REST}/v2/contacts`).query(true).reply(200, { contacts: [fixture('contact')] });
    mockTaskList([bookingTask]);
    keapApi().patch(`${REST}/v2/tasks/1207`).query(true).reply(200, bookingTask);
    const { contact_id: _id, ...byEmail } = booking;
    await expect(run({ ...byEmail, email: 'ada.lovelace@example.com' })).resolves.toMatchObject({ id: '1207', contact_id: '2841' });
  });

  describe('with Status Changed At', () => {
    const canceledTask = {
      ...bookingTask,
      title: 'Canceled: Intro call',
      description: SCHEDULED_DESCRIPTION.replace('Status: Scheduled', 'Status: Canceled\nStatus changed at: 2026-11-23T10:00:00.000Z'),
    };

    it('records when the status changed on the task', async () => {
      mockTaskList([bookingTask]);
      const update = captured();
      keapApi().patch(`${REST}/v2/tasks/1207`, update.matcher).query(true).reply(200, bookingTask);

      await run({ ...booking, status_updated_at: '2026-11-23T05:00:00', time_zone: 'America/New_York' });

      expect(update.bodies[0]!.description).toBe(
        SCHEDULED_DESCRIPTION.replace('Status: Scheduled', 'Status: Scheduled\nStatus changed at: 2026-11-23T10:00:00.000Z').replace(
          'Duration: 30 minutes',
          'Duration: 30 minutes\nTime zone: America/New_York',
        ),
      );
    });

    it('leaves a task that shows a newer status as it is, in one round trip, and says so', async () => {
      mockTaskList([canceledTask]);

      const result = await run({ ...booking, status_updated_at: '2026-11-23T09:59:00Z' });

      expect(result).toEqual({
        id: '1207',
        crm: 'keap',
        created: false,
        action: 'skipped_stale',
        status: 'Canceled',
        booking_id: 'BKNG-1',
        url: `${WEB_APP}/Task/manageTask.jsp?view=edit&ID=1207`,
        contact_id: '2841',
        contact_url: `${WEB_APP}/Contact/manageContact.jsp?view=edit&ID=2841`,
        title: 'Canceled: Intro call',
        type: 'Call',
        priority: 'NONESSENTIAL',
        due_time: '2026-12-01T15:00:00Z',
        completed: false,
      });
    });

    it('on the same second the later lifecycle stage wins', async () => {
      mockTaskList([canceledTask]);
      await expect(run({ ...booking, status: 'Rescheduled', status_updated_at: '2026-11-23T10:00:00Z' })).resolves.toMatchObject({
        action: 'skipped_stale',
        status: 'Canceled',
      });

      mockTaskList([{ ...canceledTask, description: canceledTask.description.replace('Status: Canceled', 'Status: Scheduled') }]);
      const update = captured();
      keapApi().patch(`${REST}/v2/tasks/1207`, update.matcher).query(true).reply(200, canceledTask);
      await expect(run({ ...booking, status: 'Canceled', status_updated_at: '2026-11-23T10:00:00Z' })).resolves.toMatchObject({
        action: 'updated',
        status: 'Canceled',
      });
      expect(update.bodies[0]).toMatchObject({ title: 'Canceled: Intro call' });
    });

    it('a newer status updates the task, which keeps the markers of every booking it stands for', async () => {
      const chained = { ...canceledTask, description: `${canceledTask.description.replace('[OnceHub booking BKNG-1]', '[OnceHub booking BKNG-2] [OnceHub booking BKNG-1]')}` };
      mockTaskList([chained]);
      const update = captured();
      keapApi().patch(`${REST}/v2/tasks/1207`, update.matcher).query(true).reply(200, chained);

      const result = await run({
        ...booking,
        booking_id: 'BKNG-3',
        previous_booking_id: 'BKNG-2',
        status: 'Rescheduled',
        status_updated_at: '2026-11-24T08:00:00Z',
      });

      expect(result).toMatchObject({ action: 'updated', status: 'Rescheduled', booking_id: 'BKNG-3' });
      expect(String(update.bodies[0]!.description).split('\n\n').pop()).toBe('[OnceHub booking BKNG-3] [OnceHub booking BKNG-2] [OnceHub booking BKNG-1]');
      expect(update.bodies[0]!.description).toContain('Status: Rescheduled\nStatus changed at: 2026-11-24T08:00:00.000Z\n');
    });
  });

  describe('errors', () => {
    it('names Status Changed At when it is not a date and time, before calling Keap', async () => {
      const error = await rejection(run({ ...booking, status_updated_at: 'yesterday-ish' }));
      expect(error.message).toBe(
        'Status Changed At (status_updated_at) is not a date and time; got "yesterday-ish". Map Last Updated At from the New Booking trigger.',
      );
    });

    it('names an activity type the account does not have', async () => {
      mockTaskList([]);
      mockTaskTypes();
      const error = await rejection(run({ ...booking, activity_type: 'Meeting' }));
      expect(error.message).toBe(
        'Activity Type (activity_type) "Meeting" is not one of this Keap account\'s values: Call, Email, Appointment, Other. Choose one from the list, or add it in Keap first.',
      );
    });

    it('rejects an unknown priority without calling Keap', async () => {
      const error = await rejection(run({ ...booking, priority: 'Urgent' }));
      expect(error.message).toBe('Priority (priority) must be Critical, Essential or Non-Essential; got "Urgent".');
    });

    it('asks for an owner when the connected user is not a user of the account', async () => {
      mockTaskList([]);
      mockTaskTypes();
      keapApi().get(`${REST}/v2/oauth/connect/userinfo`).reply(200, fixture('userinfo'));
      keapApi().get(`${REST}/v2/users`).query(true).reply(200, { users: [] });
      const error = await rejection(run(booking));
      expect(error.message).toContain('Choose an Owner (owner_id).');
    });

    it('says which contact id does not exist', async () => {
      keapApi().get(`${REST}/v2/tasks`).query(true).reply(404, { code: 404, message: 'Not found', status: 'NOT_FOUND' });
      const error = await rejection(run({ ...booking, contact_id: '99' }));
      expect(error.message).toBe('No Keap contact has the ID 99 in Contact ID (contact_id).');
    });

    it('rejects a missing booking id', async () => {
      const error = await rejection(run({ ...booking, booking_id: '' }));
      expect(error.message).toContain('Booking ID (booking_id) is required');
    });
  });
});
