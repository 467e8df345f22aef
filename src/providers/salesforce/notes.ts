import { chainBookingIds, chainRecord } from '../../activity';
import { exclusive } from '../../claims';
import { named } from '../../input';
import { NOTE } from '../../inputs';
import { invalidInput, shorten } from '../../kit';
import type { ContactRef, NoteResult } from '../../model';
import { isStaleFor, noteText, type NotePlan } from '../../notes';
import type { Context } from '../types';
import { salesforce } from './client';
import { salesforceOrg } from './describe';
import { objectOfId, query, recordUrl } from './records';
import { soqlLiteral } from './soql';

type SfNote = { Id: string; Title?: string | null; Body?: string | null };

/** The classic Note's limits (Title 80 characters, Body 32,000). */
const TITLE_LENGTH = 80;
const BODY_LENGTH = 32_000;

/**
 * One classic Note per booking chain on the Lead, Contact or Person Account (`ParentId`), found
 * again by its markers in the body and kept current; a late delivery leaves it. A classic Note is
 * one write and its body can be read back in the same query that finds it (a ContentNote needs a
 * link record and stores its body as a file), docs/decisions.md.
 */
export const upsertNote = (ctx: Context, contact: ContactRef, note: NotePlan): Promise<NoteResult> =>
  exclusive(ctx, { account: salesforceOrg(ctx), kind: 'note', ids: chainBookingIds(note) }, `the Salesforce note for booking ${note.booking_id}`, () =>
    writeNote(ctx, contact, note),
  );

const writeNote = async (ctx: Context, contact: ContactRef, note: NotePlan): Promise<NoteResult> => {
  if (!objectOfId(contact.id)) {
    throw invalidInput(ctx.z, `${named(NOTE.contact_id)} "${shorten(contact.id)}" is not the ID of a Salesforce Lead, Contact or Person Account.`);
  }
  const notes = await query<SfNote>(ctx, `SELECT Id, Title, Body FROM Note WHERE ParentId = ${soqlLiteral(contact.id)} ORDER BY LastModifiedDate DESC LIMIT 200`);
  const existing = chainRecord(notes, note, (n) => n.Body);
  const result = (id: string, title: string, action: NoteResult['action']): NoteResult => ({
    id,
    crm: 'salesforce',
    created: action === 'created',
    action,
    booking_id: note.booking_id,
    title,
    contact_id: contact.id,
    url: recordUrl(ctx.bundle, 'Note', id),
  });
  if (existing && isStaleFor(note, existing.Title, existing.Body)) return result(existing.Id, existing.Title ?? note.title, 'skipped_stale');

  // A title past the limit is shortened; the body then opens with it whole, so nothing is lost.
  const title = shorten(note.title, TITLE_LENGTH);
  const text = noteText(note, existing?.Body);
  const body = title === note.title ? text : `${note.title}\n\n${text}`;
  if (body.length > BODY_LENGTH) {
    throw invalidInput(
      ctx.z,
      `The note would hold ${body.length} characters; a Salesforce note holds ${BODY_LENGTH}. Shorten ${named(NOTE.details)} or ${named(NOTE.form_answers)}.`,
    );
  }
  if (existing) {
    await salesforce(ctx, { url: `/sobjects/Note/${encodeURIComponent(existing.Id)}`, method: 'PATCH', json: { Title: title, Body: body } });
    return result(existing.Id, title, 'updated');
  }
  const created = await salesforce<{ id: string }>(ctx, { url: '/sobjects/Note', method: 'POST', json: { ParentId: contact.id, Title: title, Body: body } });
  return result(created.data.id, title, 'created');
};
