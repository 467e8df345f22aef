import { apiCalls, failure, ops, run, useIntegration, writes } from './support';

/** Apply Tag and Create or Update Activity Event for a Keap connection, over HTTP against the sandbox. */
const ctx = useIntegration();

type TagOutput = { id: string; contact_id: string; tags: Array<{ id: string; name: string; status: string }>; applied_count: number; removed_count: number };
type ActivityOutput = Record<string, unknown> & { id: string; action: string; created: boolean };

const tag = (inputData: Record<string, unknown>) => run<TagOutput>(ctx, ctx.keap, ops.applyTag, inputData);
const activity = (inputData: Record<string, unknown>) => run<ActivityOutput>(ctx, ctx.keap, ops.activity, inputData);
const keapTags = () => [...ctx.sandbox.state.keap.tags.values()];
const tagNamed = (name: string) => keapTags().find((t) => t.name === name);
/** The names of the tags the contact carries in Keap, sorted. */
const tagsOn = (contactId: string) =>
  Object.keys(ctx.sandbox.state.keap.contacts.get(Number(contactId))!.tags)
    .map((id) => ctx.sandbox.state.keap.tags.get(Number(id))!.name)
    .sort();
const task = (id: string) => ctx.sandbox.state.keap.tasks.get(Number(id))!;

let contactId = '';
beforeEach(async () => {
  ctx.sandbox.reset();
  contactId = (await run<{ id: string }>(ctx, ctx.keap, ops.upsertContact, { email: 'ada@example.com', first_name: 'Ada' })).id;
  ctx.sandbox.resetRequestLog();
});

describe('Apply Tag (Keap)', () => {
  it('applies an existing tag by name in any case, and another by its ID', async () => {
    const newsletter = tagNamed('Newsletter Subscriber')!;
    const vip = await tag({ contact_id: contactId, tags: ['VIP'] });
    ctx.sandbox.resetRequestLog();

    const output = await tag({ contact_id: contactId, tags: ['newsletter subscriber', vip.tags[0]!.id] });

    expect(output).toMatchObject({
      id: contactId,
      contact_id: contactId,
      tags: [
        { id: String(newsletter.id), name: 'Newsletter Subscriber', status: 'applied' },
        { id: vip.tags[0]!.id, name: 'VIP', status: 'already_present' },
      ],
      applied_count: 1,
      removed_count: 0,
    });
    expect(tagsOn(contactId)).toEqual(['Newsletter Subscriber', 'VIP']);
    // Both tags are known from the first step's listing, so the step is one call; Keap tells
    // the tag the contact already had (DUPLICATE) from the new one.
    expect(apiCalls(ctx.sandbox, 'keap')).toEqual([`POST /v1/contacts/${contactId}/tags`]);
    expect(writes(ctx.sandbox).map((r) => r.body)).toEqual([{ tagIds: [newsletter.id, Number(vip.tags[0]!.id)] }]);
  });

  it('goes the full way when a remembered tag is gone from Keap, and still applies the others', async () => {
    const gone = await tag({ contact_id: contactId, tags: ['Short-lived'] });
    // Deleted in Keap behind the connector's back: its listing still remembers the tag.
    ctx.sandbox.state.keap.tags.delete(Number(gone.tags[0]!.id));
    delete ctx.sandbox.state.keap.contacts.get(Number(contactId))!.tags[Number(gone.tags[0]!.id)];
    ctx.sandbox.resetRequestLog();

    const error = await failure(tag({ contact_id: contactId, tags: ['Newsletter Subscriber', gone.tags[0]!.id] }));

    expect(error.message).toBe(`No Keap tag has the ID ${gone.tags[0]!.id} in Tags (tags). Choose tags from the list or type their names.`);
    expect(apiCalls(ctx.sandbox, 'keap')).toEqual([
      `POST /v1/contacts/${contactId}/tags`,
      `GET /v2/contacts/${contactId}/tags`,
      'GET /v2/tags',
    ]);
    expect(tagsOn(contactId)).toEqual(['Newsletter Subscriber']);
  });

  it('creates a missing tag once, in the chosen category', async () => {
    const output = await tag({ contact_id: contactId, tags: ['Booked a demo'], tag_category: 'Bookings' });

    const category = [...ctx.sandbox.state.keap.tagCategories.values()].find((c) => c.name === 'Bookings')!;
    expect(tagNamed('Booked a demo')).toMatchObject({ category_id: category.id });
    expect(output.tags).toEqual([{ id: String(tagNamed('Booked a demo')!.id), name: 'Booked a demo', status: 'created' }]);
    expect(tagsOn(contactId)).toEqual(['Booked a demo']);
  });

  it.each(['lead status', 'LEAD STATUS', 'Lead Status'])(
    'puts a new tag in the existing category "%s" names, whatever its case, and never creates that category again',
    async (category) => {
      const before = ctx.sandbox.state.keap.tagCategories.size;
      const seeded = [...ctx.sandbox.state.keap.tagCategories.values()].find((c) => c.name === 'Lead Status')!;

      await tag({ contact_id: contactId, tags: ['Qualified'], tag_category: category });

      expect(ctx.sandbox.state.keap.tagCategories.size).toBe(before);
      expect(tagNamed('Qualified')).toMatchObject({ category_id: seeded.id });
      // Keap documents no wildcard for tag categories: the step lists them rather than filtering by a prefix.
      expect(ctx.sandbox.requests.filter((r) => r.path.endsWith('/v2/tags/categories')).map((r) => r.query.filter)).toEqual([undefined]);
    },
  );

  it('creates a category whose name holds filter characters once, and finds it on the next step', async () => {
    await tag({ contact_id: contactId, tags: ['Q1'], tag_category: 'Leads*2026' });
    await tag({ contact_id: contactId, tags: ['Q2'], tag_category: 'Leads*2026' });

    expect([...ctx.sandbox.state.keap.tagCategories.values()].filter((c) => c.name === 'Leads*2026')).toHaveLength(1);
  });

  it('refuses a missing tag when Create Missing Tags is off, before any write', async () => {
    const error = await failure(tag({ contact_id: contactId, tags: ['Newsletter Subscriber', 'Never Heard Of'], create_missing_tags: false }));

    expect(error.message).toBe(
      'Keap has no tag named "Never Heard Of" in Tags (tags). Turn on Create Missing Tags (create_missing_tags), or create the tag in Keap first.',
    );
    expect(writes(ctx.sandbox)).toEqual([]);
    expect(tagsOn(contactId)).toEqual([]);
  });

  it('removes tags the contact has and reports the others as not present', async () => {
    await tag({ contact_id: contactId, tags: ['Newsletter Subscriber', 'VIP'] });
    ctx.sandbox.resetRequestLog();

    const output = await tag({ contact_id: contactId, remove_tags: ['vip', 'Newsletter Subscriber', 'Never Applied'] });

    expect(output.tags.map(({ name, status }) => [name, status])).toEqual([
      ['VIP', 'removed'],
      ['Newsletter Subscriber', 'removed'],
      ['Never Applied', 'not_present'],
    ]);
    expect(output.removed_count).toBe(2);
    expect(tagsOn(contactId)).toEqual([]);
    expect(writes(ctx.sandbox).map((r) => [r.method, r.path, r.query])).toEqual([
      ['DELETE', `/keap/crm/rest/v1/contacts/${contactId}/tags`, { ids: `${tagNamed('VIP')!.id},${tagNamed('Newsletter Subscriber')!.id}` }],
    ]);
  });

  it('finds the contact by email when no Contact ID is given, and says so when none has it', async () => {
    const output = await tag({ email: 'ADA@example.com', tags: ['VIP'] });
    expect(output.contact_id).toBe(contactId);
    expect(tagsOn(contactId)).toEqual(['VIP']);

    const error = await failure(tag({ email: 'nobody@example.com', tags: ['VIP'] }));
    expect(error.message).toBe(
      'No Keap contact has the email nobody@example.com in Email (email). Add an Upsert Contact step before this one, or map a Contact ID (contact_id).',
    );
  });

  it('follows a booking through its lifecycle: one status tag at a time, booking-specific tags kept as history', async () => {
    const scheduled = await tag({ contact_id: contactId, booking_status: 'Scheduled', booking_id: 'BKNG-1' });
    expect(scheduled.tags.map(({ name, status }) => [name, status])).toEqual([
      ['Scheduled', 'created'],
      ['Scheduled (Booking ID: BKNG-1)', 'created'],
      ['Rescheduled', 'not_present'],
      ['Completed', 'not_present'],
      ['Canceled', 'not_present'],
      ['No-show', 'not_present'],
    ]);

    const canceled = await tag({ contact_id: contactId, booking_status: 'canceled', booking_id: 'BKNG-1' });

    expect(canceled.tags.filter((t) => t.status !== 'not_present').map(({ name, status }) => [name, status])).toEqual([
      ['Canceled', 'created'],
      ['Canceled (Booking ID: BKNG-1)', 'created'],
      ['Scheduled', 'removed'],
    ]);
    expect(tagsOn(contactId)).toEqual(['Canceled', 'Canceled (Booking ID: BKNG-1)', 'Scheduled (Booking ID: BKNG-1)']);
  });

  it('changes nothing when the same step runs twice', async () => {
    const input = { contact_id: contactId, tags: ['VIP'], booking_status: 'Scheduled', booking_id: 'BKNG-2' };
    await tag(input);
    const tagCount = keapTags().length;
    ctx.sandbox.resetRequestLog();

    const replay = await tag(input);

    expect(replay.tags.filter((t) => t.status !== 'not_present').map((t) => t.status)).toEqual(['already_present', 'already_present', 'already_present']);
    expect(keapTags()).toHaveLength(tagCount);
    expect(tagsOn(contactId)).toEqual(['Scheduled', 'Scheduled (Booking ID: BKNG-2)', 'VIP']);
    expect(writes(ctx.sandbox)).toEqual([]);
  });
});

describe('Create or Update Activity Event (Keap)', () => {
  const booking = {
    booking_id: 'BKNG-A1',
    subject: 'Discovery call',
    start_time: '2026-11-23T15:00:00Z',
    end_time: '2026-11-23T15:30:00Z',
    location: 'Zoom',
    conferencing_url: 'https://meet.example.com/a1',
  };

  it('creates a task for the booking, assigned to the connected user, due at the meeting start', async () => {
    const output = await activity({ ...booking, contact_id: contactId });

    expect(output).toMatchObject({
      crm: 'keap',
      created: true,
      action: 'created',
      status: 'Scheduled',
      booking_id: 'BKNG-A1',
      contact_id: contactId,
      title: 'Scheduled: Discovery call',
      type: 'Call',
      priority: 'NONESSENTIAL',
      completed: false,
      url: `${ctx.sandbox.env.KEAP_WEB_APP_URL}/Task/manageTask.jsp?view=edit&ID=${output.id}`,
      contact_url: `${ctx.sandbox.env.KEAP_WEB_APP_URL}/Contact/manageContact.jsp?view=edit&ID=${contactId}`,
    });
    // The link opens the task itself in the web app.
    const page = await fetch(String(output.url));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Scheduled: Discovery call');
    const sandyId = ctx.sandbox.state.keap.users.find((u) => u.email === 'sandy.box@example.com')!.id;
    expect(task(output.id)).toMatchObject({
      contact_id: Number(contactId),
      assigned_to_user_id: sandyId,
      title: 'Scheduled: Discovery call',
      due_time: '2026-11-23T15:00:00.000Z',
      type: 'Call',
      priority: 'NONESSENTIAL',
      completed: false,
    });
    expect(task(output.id).description).toBe(
      [
        'Status: Scheduled',
        'Start (UTC): 2026-11-23T15:00:00.000Z',
        'End (UTC): 2026-11-23T15:30:00.000Z',
        'Duration: 30 minutes',
        'Location: Zoom',
        'Conferencing URL: https://meet.example.com/a1',
        'Booking ID: BKNG-A1',
        '',
        '[OnceHub booking BKNG-A1]',
      ].join('\n'),
    );
  });

  it('updates the same task as the booking completes, keeping its history', async () => {
    const created = await activity({ ...booking, contact_id: contactId });
    const completed = await activity({ ...booking, contact_id: contactId, status: 'Completed' });

    expect(completed).toMatchObject({ id: created.id, created: false, action: 'updated', status: 'Completed', completed: true });
    expect(ctx.sandbox.state.keap.tasks.size).toBe(1);
    expect(task(created.id)).toMatchObject({ title: 'Completed: Discovery call', completed: true, completion_time: '2026-11-23T15:30:00.000Z' });
    expect(task(created.id).history.map((h) => Object.keys(h.changes).sort())).toEqual([
      ['assigned_to_user_id', 'contact_id', 'description', 'due_time', 'priority', 'title', 'type'],
      ['completed', 'completion_time', 'description', 'title'],
    ]);
    const patch = writes(ctx.sandbox).find((r) => r.method === 'PATCH')!;
    expect(patch.path).toBe(`/keap/crm/rest/v2/tasks/${created.id}`);
  });

  it('moves a rescheduled booking onto the task of the booking it replaces', async () => {
    const created = await activity({ ...booking, contact_id: contactId });

    const moved = await activity({
      ...booking,
      booking_id: 'BKNG-A2',
      previous_booking_id: 'BKNG-A1',
      contact_id: contactId,
      status: 'Rescheduled',
      start_time: '2026-11-24T10:00:00Z',
      end_time: '2026-11-24T10:30:00Z',
      cancel_reschedule_reason: 'Conflict',
    });

    expect(moved).toMatchObject({ id: created.id, action: 'updated', booking_id: 'BKNG-A2', status: 'Rescheduled' });
    expect(ctx.sandbox.state.keap.tasks.size).toBe(1);
    expect(task(created.id)).toMatchObject({ title: 'Rescheduled: Discovery call', due_time: '2026-11-24T10:00:00.000Z' });
    expect(task(created.id).description).toContain('Cancel/Reschedule reason: Conflict');
    expect(task(created.id).description!.endsWith('[OnceHub booking BKNG-A2] [OnceHub booking BKNG-A1]')).toBe(true);

    const canceled = await activity({ ...booking, booking_id: 'BKNG-A2', contact_id: contactId, status: 'Canceled', start_time: '2026-11-24T10:00:00Z', end_time: '2026-11-24T10:30:00Z' });
    expect(canceled.id).toBe(created.id);
    expect(task(created.id).title).toBe('Canceled: Discovery call');
  });

  it('reads times without an offset in the booking time zone, and takes the duration when no end is given', async () => {
    const output = await activity({
      booking_id: 'BKNG-TZ',
      contact_id: contactId,
      start_time: '2026-07-01 09:00',
      time_zone: 'America/New_York',
      duration_minutes: 45,
    });

    expect(task(output.id).due_time).toBe('2026-07-01T13:00:00.000Z');
    expect(task(output.id).description).toContain(
      ['Start (UTC): 2026-07-01T13:00:00.000Z', 'End (UTC): 2026-07-01T13:45:00.000Z', 'Duration: 45 minutes', 'Time zone: America/New_York'].join('\n'),
    );
    expect(task(output.id).title).toBe('Scheduled: OnceHub booking');
  });

  it.each([
    ['Asia/Kolkata', '2026-07-01T03:30:00.000Z'],
    ['Asia/Calcutta', '2026-07-01T03:30:00.000Z'],
    ['Europe/Kyiv', '2026-07-01T06:00:00.000Z'],
    ['America/Argentina/Buenos_Aires', '2026-07-01T12:00:00.000Z'],
    ['Asia/Kathmandu', '2026-07-01T03:15:00.000Z'],
    ['Asia/Ho_Chi_Minh', '2026-07-01T02:00:00.000Z'],
    ['Etc/UTC', '2026-07-01T09:00:00.000Z'],
  ])('takes a booking in %s, current and legacy zone names alike', async (zone, dueUtc) => {
    const output = await activity({ booking_id: `BKNG-${zone}`, contact_id: contactId, start_time: '2026-07-01 09:00', time_zone: zone });

    expect(task(output.id).due_time).toBe(dueUtc);
    expect(task(output.id).description).toContain(`Time zone: ${zone}`);
  });

  it('takes the type, priority and owner the step sets, and refuses an unknown priority before writing', async () => {
    const owner = ctx.sandbox.state.keap.users.find((u) => u.email === 'avery.owner@example.com')!;
    const output = await activity({ ...booking, contact_id: contactId, activity_type: 'appointment', priority: 'Critical', owner_id: String(owner.id) });
    expect(task(output.id)).toMatchObject({ type: 'Appointment', priority: 'CRITICAL', assigned_to_user_id: owner.id });

    ctx.sandbox.resetRequestLog();
    const error = await failure(activity({ ...booking, booking_id: 'BKNG-X', contact_id: contactId, priority: 'Urgent' }));
    expect(error.message).toBe('Priority (priority) must be Critical, Essential or Non-Essential; got "Urgent".');
    expect(writes(ctx.sandbox)).toEqual([]);
  });

  it('names the mapped Contact ID when Keap has no such contact, and creates no task', async () => {
    const error = await failure(activity({ ...booking, booking_id: 'BKNG-Y', contact_id: '999999' }));
    expect(error.message).toBe(
      'Keap rejected the request (HTTP 400): Contact 999999 does not exist. Check the Contact ID (contact_id) value mapped in this step.',
    );
    expect(ctx.sandbox.state.keap.tasks.size).toBe(0);
  });
});
