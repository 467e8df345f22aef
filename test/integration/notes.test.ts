import { failure, ops, run, useIntegration } from './support';
import { settleConcurrently } from './concurrency.support';

/** Create or Update Note on both CRMs, over HTTP against the sandbox: one note per booking chain, kept current. */
const ctx = useIntegration();

type Note = { id: string; action: string; title: string; created: boolean };
type Crm = 'keap' | 'salesforce';

const person = (crm: Crm, email: string) => run<{ id: string }>(ctx, ctx[crm], ops.upsertContact, { email, last_name: 'Notes' });
const note = (crm: Crm, inputData: Record<string, unknown>) => run<Note>(ctx, ctx[crm], ops.note, inputData);
const notesOf = (crm: Crm, contactId: string): Array<{ title?: string; text?: string }> =>
  crm === 'keap'
    ? [...ctx.sandbox.state.keap.notes.values()].filter((n) => String(n.contact_id) === contactId)
    : ctx.sandbox.state.salesforce.records('Note').filter((n) => n.ParentId === contactId).map((n) => ({ title: String(n.Title), text: String(n.Body) }));

beforeEach(() => ctx.sandbox.reset());

describe.each(['keap', 'salesforce'] as Crm[])('%s: Create or Update Note', (crm) => {
  const booking = { booking_id: 'BKNG-N1', subject: 'Intro call', details: 'Tue 5 Jan 15:00 UTC, Zoom', form_answers: 'Company size: 12' };

  it('writes one note with the booking’s details and answers, then updates that note through the lifecycle', async () => {
    const { id } = await person(crm, `note.${crm}@example.com`);

    const first = await note(crm, { contact_id: id, ...booking, status: 'Scheduled', status_updated_at: '2027-01-01T10:00:00Z' });
    expect(first).toMatchObject({ action: 'created', created: true, title: 'Scheduled: Intro call' });

    const replay = await note(crm, { contact_id: id, ...booking, status: 'Scheduled', status_updated_at: '2027-01-01T10:00:00Z' });
    expect(replay).toMatchObject({ id: first.id, action: 'updated' });

    const moved = await note(crm, { contact_id: id, ...booking, booking_id: 'BKNG-N2', previous_booking_id: 'BKNG-N1', status: 'Rescheduled', status_updated_at: '2027-01-02T10:00:00Z' });
    expect(moved).toMatchObject({ id: first.id, action: 'updated', title: 'Rescheduled: Intro call' });

    const late = await note(crm, { contact_id: id, ...booking, status: 'Scheduled', status_updated_at: '2027-01-01T10:00:00Z' });
    expect(late).toMatchObject({ id: first.id, action: 'skipped_stale' });

    const stored = notesOf(crm, id);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.title).toBe('Rescheduled: Intro call');
    expect(stored[0]!.text).toContain('Tue 5 Jan 15:00 UTC, Zoom');
    expect(stored[0]!.text).toContain('Form answers:\nCompany size: 12');
    expect(stored[0]!.text).toContain('[OnceHub booking BKNG-N1] [OnceHub booking BKNG-N2]');
  });

  it('writes one note when deliveries of one booking run at once', async () => {
    const { id } = await person(crm, `concurrent.note.${crm}@example.com`);
    const runs = Array.from({ length: 5 }, () => () => note(crm, { contact_id: id, ...booking, status: 'Scheduled' }));
    await settleConcurrently(runs);
    expect(notesOf(crm, id)).toHaveLength(1);
  });

  it('finds the contact by email, and needs a contact and a booking ID', async () => {
    const { id } = await person(crm, `by.email.${crm}@example.com`);
    await note(crm, { email: `by.email.${crm}@example.com`, ...booking });
    expect(notesOf(crm, id)).toHaveLength(1);
    expect((await failure(note(crm, { booking_id: 'BKNG-X' }))).message).toContain('Contact ID (contact_id) or Email (email): one of them is required');
    expect((await failure(note(crm, { contact_id: id }))).message).toContain('Booking ID (booking_id) is required');
  });
});

describe('the wrong kind of ID', () => {
  it('is refused before any note is written', async () => {
    expect((await failure(note('salesforce', { contact_id: '5005g0000Case01AAA', booking_id: 'BKNG-W' }))).message).toBe(
      'Contact ID (contact_id) "5005g0000Case01AAA" is not the ID of a Salesforce Lead, Contact or Person Account.',
    );
    expect((await failure(note('keap', { contact_id: '00Q5g0000Lead01AAA', booking_id: 'BKNG-W' }))).message).toContain('Contact ID (contact_id)');
    expect(ctx.sandbox.state.salesforce.records('Note')).toEqual([]);
    expect([...ctx.sandbox.state.keap.notes.values()]).toEqual([]);
  });
});

describe('Keap note type', () => {
  it('takes the type from the account’s list, Appointment by default, and refuses one the account lacks', async () => {
    const { id } = await person('keap', 'types@example.com');
    await note('keap', { contact_id: id, booking_id: 'BKNG-T1' });
    await note('keap', { contact_id: id, booking_id: 'BKNG-T2', note_type: 'call' });
    expect(notesOf('keap', id).map((n) => (n as { type?: string }).type).sort()).toEqual(['Appointment', 'Call']);
    expect((await failure(note('keap', { contact_id: id, booking_id: 'BKNG-T3', note_type: 'Carrier pigeon' }))).message).toContain(
      'Note Type (note_type) "Carrier pigeon" is not one of this Keap account\'s values',
    );
  });
});

describe('Salesforce note limits', () => {
  it('keeps a long title whole in the body when it shortens it to the 80 characters a note title holds', async () => {
    const { id } = await person('salesforce', 'long.title@example.com');
    const subject = 'A very long meeting name that goes on and on past what a Salesforce note title can hold';
    const written = await note('salesforce', { contact_id: id, booking_id: 'BKNG-L1', subject });
    expect(written.title).toHaveLength(80);
    expect(notesOf('salesforce', id)[0]!.text!.startsWith(subject)).toBe(true);
  });
});
