import App from '../../index';
import { rejection } from '../helpers/errors';
import { appTester, captured, fixture, keapApi, keapAuth, REST, useKeapNock } from '../providers/keap/helpers';

const perform = App.creates.apply_tag.operation.perform;
const run = (inputData: Record<string, unknown>) =>
  appTester(perform as never, { authData: keapAuth, inputData, meta: {} } as never, true) as Promise<Record<string, unknown>>;

type KeapTag = { id: string; name: string };
const allTags = (extra: KeapTag[] = []) => ({ ...fixture<{ tags: KeapTag[] }>('tags'), tags: [...fixture<{ tags: KeapTag[] }>('tags').tags, ...extra] });
const applied = (...tags: KeapTag[]) => ({ tags: tags.map((tag) => ({ tag, applied_time: '2026-11-20T10:00:00Z' })), next_page_token: '' });

const SCHEDULED = { id: '91', name: 'Scheduled' };
const CANCELED = { id: '93', name: 'Canceled' };
const VIP = { id: '120', name: 'VIP Customer' };
const BOOKING_TAG = { id: '305', name: 'Scheduled (Booking ID: BKNG-1)' };

const mockTags = (tags: ReturnType<typeof allTags>, current: ReturnType<typeof applied>) => {
  keapApi().get(`${REST}/v2/tags`).query({ page_size: '1000' }).reply(200, tags);
  keapApi().get(`${REST}/v2/contacts/2841/tags`).query({ page_size: '1000' }).reply(200, current);
};

const lifecycle = { contact_id: '2841', booking_status: 'Scheduled', booking_id: 'BKNG-1' };

describe('Apply Tag (Keap)', () => {
  useKeapNock();

  it('applies lifecycle tags in one call, creates the booking tag once and removes the old status tag', async () => {
    mockTags(allTags(), applied(CANCELED, VIP));
    const create = captured();
    keapApi().post(`${REST}/v2/tags`, create.matcher).reply(201, { ...BOOKING_TAG, create_time: '2026-11-23T10:00:00Z' });
    const apply = captured();
    keapApi().post(`${REST}/v1/contacts/2841/tags`, apply.matcher).reply(200, { 91: 'SUCCESS', 305: 'SUCCESS' });
    keapApi().delete(`${REST}/v1/contacts/2841/tags`).query({ ids: '93' }).reply(204);

    const result = await run(lifecycle);

    expect(create.bodies).toEqual([{ name: 'Scheduled (Booking ID: BKNG-1)' }]);
    expect(apply.bodies).toEqual([{ tagIds: [91, 305] }]);
    expect(result).toEqual({
      id: '2841',
      action: 'applied',
      contact_id: '2841',
      tags: [
        { ...SCHEDULED, status: 'applied' },
        { ...BOOKING_TAG, status: 'created' },
        { id: '92', name: 'Rescheduled', status: 'not_present' },
        { id: '94', name: 'Completed', status: 'not_present' },
        { ...CANCELED, status: 'removed' },
        { id: '95', name: 'No-show', status: 'not_present' },
      ],
      applied_count: 2,
      removed_count: 1,
    });
  });

  it('changes nothing when the same step runs again', async () => {
    mockTags(allTags([BOOKING_TAG]), applied(SCHEDULED, BOOKING_TAG, VIP));

    const result = await run(lifecycle);

    expect(result.tags).toEqual([
      { ...SCHEDULED, status: 'already_present' },
      { ...BOOKING_TAG, status: 'already_present' },
      { id: '92', name: 'Rescheduled', status: 'not_present' },
      { id: '94', name: 'Completed', status: 'not_present' },
      { ...CANCELED, status: 'not_present' },
      { id: '95', name: 'No-show', status: 'not_present' },
    ]);
    expect(result).toMatchObject({ applied_count: 0, removed_count: 0 });
  });

  it('resolves names case-insensitively and ids as given, and creates a missing tag in a new category', async () => {
    mockTags(allTags(), applied());
    keapApi()
      .get(`${REST}/v2/tags/categories`)
      .query({ page_size: '1000' })
      .reply(200, { tag_categories: [{ id: '6', name: 'Bookings Archive' }], next_page_token: '' });
    const category = captured();
    keapApi().post(`${REST}/v2/tags/categories`, category.matcher).reply(201, { id: '8', name: 'Bookings' });
    const create = captured();
    keapApi().post(`${REST}/v2/tags`, create.matcher).reply(201, { id: '306', name: 'Webinar', category: { id: '8' } });
    const apply = captured();
    keapApi().post(`${REST}/v1/contacts/2841/tags`, apply.matcher).reply(200, { 120: 'DUPLICATE', 94: 'SUCCESS', 306: 'SUCCESS' });

    const result = await run({ contact_id: '2841', tags: 'vip customer, 94, Webinar', tag_category: 'Bookings' });

    expect(category.bodies).toEqual([{ name: 'Bookings' }]);
    expect(create.bodies).toEqual([{ name: 'Webinar', category: { id: '8' } }]);
    expect(apply.bodies).toEqual([{ tagIds: [120, 94, 306] }]);
    expect(result.tags).toEqual([
      { ...VIP, status: 'already_present' },
      { id: '94', name: 'Completed', status: 'applied' },
      { id: '306', name: 'Webinar', status: 'created' },
    ]);
  });

  it('uses an existing category by name for a created tag', async () => {
    mockTags(allTags(), applied());
    keapApi().get(`${REST}/v2/tags/categories`).query(true).reply(200, { tag_categories: [{ id: '5', name: 'OnceHub' }] });
    const create = captured();
    keapApi().post(`${REST}/v2/tags`, create.matcher).reply(201, { id: '307', name: 'Demo' });
    keapApi().post(`${REST}/v1/contacts/2841/tags`).reply(200, { 307: 'SUCCESS' });
    await run({ contact_id: '2841', tags: ['Demo'], tag_category: 'oncehub' });
    expect(create.bodies).toEqual([{ name: 'Demo', category: { id: '5' } }]);
  });

  it('leaves the tag category alone when no tag has to be created', async () => {
    mockTags(allTags(), applied());
    keapApi().post(`${REST}/v1/contacts/2841/tags`, { tagIds: [120] }).reply(200, { 120: 'SUCCESS' });
    const result = await run({ contact_id: '2841', tags: ['VIP Customer'], tag_category: 'Brand New Category' });
    expect(result.tags).toEqual([{ ...VIP, status: 'applied' }]);
  });

  it('removes only tags the contact has and reports the rest as not present', async () => {
    mockTags(allTags(), applied(VIP));
    keapApi().delete(`${REST}/v1/contacts/2841/tags`).query({ ids: '120' }).reply(204);
    const result = await run({ contact_id: '2841', remove_tags: ['VIP customer', 'Ghost', 'Scheduled'] });
    expect(result.tags).toEqual([
      { ...VIP, status: 'removed' },
      { id: '', name: 'Ghost', status: 'not_present' },
      { ...SCHEDULED, status: 'not_present' },
    ]);
  });

  describe('with the account’s tags remembered from an earlier step', () => {
    const runWarm = (inputData: Record<string, unknown>) =>
      appTester(perform as never, { authData: keapAuth, inputData, meta: {} } as never) as Promise<Record<string, unknown>>;
    beforeEach(async () => {
      mockTags(allTags(), applied());
      keapApi().post(`${REST}/v1/contacts/2841/tags`).reply(200, { 120: 'SUCCESS' });
      await run({ contact_id: '2841', tags: ['VIP Customer'] });
    });

    it('applies known tags by id or name in one call, telling new from already present', async () => {
      const apply = captured();
      keapApi().post(`${REST}/v1/contacts/2841/tags`, apply.matcher).reply(200, { 91: 'SUCCESS', 120: 'DUPLICATE' });
      const result = await runWarm({ contact_id: '2841', tags: ['91', 'vip customer'] });
      expect(apply.bodies).toEqual([{ tagIds: [91, 120] }]);
      expect(result).toMatchObject({
        contact_id: '2841',
        tags: [
          { ...SCHEDULED, status: 'applied' },
          { ...VIP, status: 'already_present' },
        ],
      });
    });

    it('goes the full way for a name it does not know, so it never creates a tag from memory', async () => {
      mockTags(allTags([{ id: '402', name: 'Webinar' }]), applied(VIP));
      keapApi().post(`${REST}/v1/contacts/2841/tags`, { tagIds: [402] }).reply(200, { 402: 'SUCCESS' });
      const result = await runWarm({ contact_id: '2841', tags: ['Webinar', 'VIP Customer'] });
      expect(result.tags).toEqual([
        { id: '402', name: 'Webinar', status: 'applied' },
        { ...VIP, status: 'already_present' },
      ]);
    });

    it('says which contact id does not exist', async () => {
      keapApi().post(`${REST}/v1/contacts/2841/tags`).reply(200, { 120: 'CONTACT_NOT_FOUND' });
      const error = await rejection(runWarm({ contact_id: '2841', tags: ['120'] }));
      expect(error.message).toBe(
        'No Keap contact has the ID 2841 in Contact ID (contact_id). Map the Contact ID from an Upsert Contact step, or leave it empty to find the contact by Email.',
      );
    });
  });

  it('matches a tag named with digits when no tag has that id', async () => {
    mockTags(allTags([{ id: '400', name: '2026' }]), applied());
    keapApi().post(`${REST}/v1/contacts/2841/tags`, { tagIds: [400] }).reply(200, { 400: 'SUCCESS' });
    const result = await run({ contact_id: '2841', tags: '2026' });
    expect(result.tags).toEqual([{ id: '400', name: '2026', status: 'applied' }]);
  });

  it('finds the contact by email when no Contact ID is given', async () => {
    keapApi()
      .get(`${REST}/v2/contacts`)
      .query((q) => q.filter === 'email==ada.lovelace@example.com')
      .reply(200, { contacts: [fixture('contact')] });
    mockTags(allTags(), applied(VIP));
    const result = await run({ email: 'ada.lovelace@example.com', tags: 'VIP Customer' });
    expect(result).toMatchObject({ contact_id: '2841', tags: [{ ...VIP, status: 'already_present' }] });
  });

  describe('with Status Changed At (lifecycle mode)', () => {
    const changed = (status: string, bookingId: string, at: string, id: string) => ({
      id,
      name: `${status} (Booking ID: ${bookingId})`,
      description: `Status changed at: ${at}`,
    });
    const CANCELED_AT_10 = changed('Canceled', 'BKNG-1', '2026-11-23T10:00:00.000Z', '310');

    it('records the time on the booking tag it creates', async () => {
      mockTags(allTags(), applied(CANCELED, VIP));
      const create = captured();
      keapApi().post(`${REST}/v2/tags`, create.matcher).reply(201, { ...BOOKING_TAG, create_time: '2026-11-23T10:00:00Z' });
      keapApi().post(`${REST}/v1/contacts/2841/tags`, { tagIds: [91, 305] }).reply(200, { 91: 'SUCCESS', 305: 'SUCCESS' });
      keapApi().delete(`${REST}/v1/contacts/2841/tags`).query({ ids: '93' }).reply(204);

      const result = await run({ ...lifecycle, status_updated_at: '2026-11-23T09:00:00-05:00' });

      expect(create.bodies).toEqual([{ name: 'Scheduled (Booking ID: BKNG-1)', description: 'Status changed at: 2026-11-23T14:00:00.000Z' }]);
      expect(result).toMatchObject({ action: 'applied', applied_count: 2, removed_count: 1 });
    });

    it('an older status than the contact’s booking tags record adds only its booking tag; the status tags stay', async () => {
      mockTags(allTags([CANCELED_AT_10]), applied(CANCELED, CANCELED_AT_10, VIP));
      const create = captured();
      keapApi().post(`${REST}/v2/tags`, create.matcher).reply(201, BOOKING_TAG);
      const apply = captured();
      keapApi().post(`${REST}/v1/contacts/2841/tags`, apply.matcher).reply(200, { 305: 'SUCCESS' });

      const result = await run({ ...lifecycle, status_updated_at: '2026-11-23T09:59:59Z' });

      expect(create.bodies).toEqual([{ name: 'Scheduled (Booking ID: BKNG-1)', description: 'Status changed at: 2026-11-23T09:59:59.000Z' }]);
      expect(apply.bodies).toEqual([{ tagIds: [305] }]);
      expect(result).toEqual({
        id: '2841',
        contact_id: '2841',
        action: 'skipped_stale',
        tags: [{ ...BOOKING_TAG, status: 'created' }],
        applied_count: 1,
        removed_count: 0,
      });
    });

    it('on the same second the later lifecycle stage wins: a no-show replaces a completion, not the other way round', async () => {
      const COMPLETED = { id: '94', name: 'Completed' };
      const COMPLETED_AT_10 = changed('Completed', 'BKNG-1', '2026-11-23T10:00:00.000Z', '311');
      const NO_SHOW_AT_10 = changed('No-show', 'BKNG-1', '2026-11-23T10:00:00.000Z', '312');
      const input = { contact_id: '2841', booking_id: 'BKNG-1', status_updated_at: '2026-11-23T10:00:00Z' };

      mockTags(allTags([COMPLETED_AT_10]), applied(COMPLETED, COMPLETED_AT_10));
      keapApi().post(`${REST}/v2/tags`).reply(201, NO_SHOW_AT_10);
      keapApi().post(`${REST}/v1/contacts/2841/tags`, { tagIds: [95, 312] }).reply(200, { 95: 'SUCCESS', 312: 'SUCCESS' });
      keapApi().delete(`${REST}/v1/contacts/2841/tags`).query({ ids: '94' }).reply(204);
      await expect(run({ ...input, booking_status: 'No-show' })).resolves.toMatchObject({ action: 'applied', removed_count: 1 });

      mockTags(allTags([COMPLETED_AT_10, NO_SHOW_AT_10]), applied({ id: '95', name: 'No-show' }, COMPLETED_AT_10, NO_SHOW_AT_10));
      await expect(run({ ...input, booking_status: 'Completed' })).resolves.toMatchObject({
        action: 'skipped_stale',
        tags: [{ id: '311', name: 'Completed (Booking ID: BKNG-1)', status: 'already_present' }],
        applied_count: 0,
        removed_count: 0,
      });
    });

    it('a newer status, even of another booking, moves the status tags as usual', async () => {
      mockTags(allTags([CANCELED_AT_10]), applied(CANCELED, CANCELED_AT_10));
      keapApi().post(`${REST}/v2/tags`).reply(201, changed('Scheduled', 'BKNG-2', '2026-11-24T08:00:00.000Z', '313'));
      keapApi().post(`${REST}/v1/contacts/2841/tags`, { tagIds: [91, 313] }).reply(200, { 91: 'SUCCESS', 313: 'SUCCESS' });
      keapApi().delete(`${REST}/v1/contacts/2841/tags`).query({ ids: '93' }).reply(204);

      const result = await run({ ...lifecycle, booking_id: 'BKNG-2', status_updated_at: '2026-11-24T08:00:00Z' });

      expect(result).toMatchObject({ action: 'applied', applied_count: 2, removed_count: 1 });
    });
  });

  describe('errors', () => {
    it('names Status Changed At when it is not a time, or given outside lifecycle mode', async () => {
      const unreadable = await rejection(run({ ...lifecycle, status_updated_at: 'last tuesday' }));
      expect(unreadable.message).toBe(
        'Status Changed At (status_updated_at) is not a date and time; got "last tuesday". Map Last Updated At from the New Booking trigger.',
      );
      const alone = await rejection(run({ contact_id: '2841', tags: 'VIP', status_updated_at: '2026-11-23T10:00:00Z' }));
      expect(alone.message).toBe(
        'Status Changed At (status_updated_at) only applies to lifecycle tags: set Booking Status (booking_status) and Booking ID (booking_id) too, or clear it.',
      );
    });

    it('refuses to create a missing tag when Create Missing Tags is off, before writing anything', async () => {
      mockTags(allTags(), applied());
      const error = await rejection(run({ contact_id: '2841', tags: 'Scheduled, Gold', create_missing_tags: false }));
      expect(error.message).toBe(
        'Keap has no tag named "Gold" in Tags (tags). Turn on Create Missing Tags (create_missing_tags), or create the tag in Keap first.',
      );
    });

    it('names a tag id that does not exist', async () => {
      mockTags(allTags(), applied());
      const error = await rejection(run({ contact_id: '2841', tags: '999' }));
      expect(error.message).toBe('No Keap tag has the ID 999 in Tags (tags). Choose tags from the list or type their names.');
    });

    it('says which contact id does not exist', async () => {
      keapApi().get(`${REST}/v2/contacts/404404/tags`).query(true).reply(404, { code: 404, message: 'Contact not found', status: 'NOT_FOUND' });
      const error = await rejection(run({ contact_id: '404404', tags: 'Scheduled' }));
      expect(error.message).toBe(
        'No Keap contact has the ID 404404 in Contact ID (contact_id). Map the Contact ID from an Upsert Contact step, or leave it empty to find the contact by Email.',
      );
    });

    it('says no contact has the email', async () => {
      keapApi().get(`${REST}/v2/contacts`).query(true).reply(200, { contacts: [] });
      const error = await rejection(run({ email: 'nobody@example.com', tags: 'Scheduled' }));
      expect(error.message).toContain('No Keap contact has the email nobody@example.com in Email (email).');
    });

    it('rejects a contact id that is not a Keap id without calling Keap', async () => {
      const error = await rejection(run({ contact_id: '../users', tags: 'Scheduled' }));
      expect(error.message).toContain('Contact ID (contact_id) must be a Keap ID (digits only); got "../users".');
    });

    it('reports tags Keap would not apply', async () => {
      mockTags(allTags(), applied());
      keapApi().post(`${REST}/v1/contacts/2841/tags`).reply(200, { 91: 'NO_PERMISSION' });
      const error = await rejection(run({ contact_id: '2841', tags: 'Scheduled' }));
      expect(error.message).toBe(
        'Keap did not apply "Scheduled" (the connected user lacks permission to tag contacts) to contact 2841.',
      );
    });

    it('explains a v1 error on the apply call', async () => {
      mockTags(allTags(), applied());
      keapApi().post(`${REST}/v1/contacts/2841/tags`).reply(400, { message: 'Invalid tag ids' });
      const error = await rejection(run({ contact_id: '2841', tags: 'Scheduled' }));
      expect(error.message).toBe('Keap rejected the request (HTTP 400): Invalid tag ids.');
    });
  });
});
