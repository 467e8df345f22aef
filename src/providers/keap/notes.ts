import { chainBookingIds, chainRecord } from '../../activity';
import { exclusive } from '../../claims';
import { named } from '../../input';
import { NOTE } from '../../inputs';
import type { ContactRef, NoteResult } from '../../model';
import { isStaleFor, noteText } from '../../notes';
import type { Context } from '../types';
import { keap, keapAccount, keapList, requireKeapId, updateMaskQuery } from './client';
import type { KeapNotePlan } from './form';
import { keapContactUrl } from './mapping';
import { connectedUserId, resolveNoteType } from './settings';

type KeapNote = { id?: string | number; title?: string | null; text?: string | null; type?: string | null };

/**
 * One note per booking chain on the contact (v2 `/contacts/{id}/notes`), found again by its
 * markers and kept current: a reschedule or a new status updates it, a late delivery leaves it.
 * Runs of one chain take turns, so concurrent deliveries never write two notes.
 */
export const upsertNote = (ctx: Context, contact: ContactRef, note: KeapNotePlan): Promise<NoteResult> =>
  exclusive(ctx, { account: keapAccount(ctx), kind: 'note', ids: chainBookingIds(note) }, `the Keap note for booking ${note.booking_id}`, () =>
    writeNote(ctx, contact, note),
  );

const writeNote = async (ctx: Context, contact: ContactRef, note: KeapNotePlan): Promise<NoteResult> => {
  const contactId = requireKeapId(ctx, contact.id, named(NOTE.contact_id));
  const type = await resolveNoteType(ctx, note.note_type);
  const notes = await keapList<KeapNote>(ctx, `/v2/contacts/${encodeURIComponent(contactId)}/notes`, 'notes', {
    notFound: `No Keap contact has the ID ${contactId} in ${named(NOTE.contact_id)}.`,
  });
  const existing = chainRecord(notes, note, (n) => n.text);
  const result = (written: KeapNote, action: NoteResult['action']): NoteResult => ({
    id: String(written.id),
    crm: 'keap',
    created: action === 'created',
    action,
    booking_id: note.booking_id,
    title: written.title ?? note.title,
    type: written.type ?? null,
    contact_id: contactId,
    url: keapContactUrl(ctx, contactId),
  });
  if (existing && isStaleFor(note, existing.title, existing.text)) return result(existing, 'skipped_stale');

  const changes = { title: note.title, text: noteText(note, existing?.text), ...(type ? { type } : {}) };
  if (existing) {
    const { data } = await keap<KeapNote>(ctx, {
      url: `/v2/contacts/${encodeURIComponent(contactId)}/notes/${encodeURIComponent(String(existing.id))}?${updateMaskQuery(changes)}`,
      method: 'PATCH',
      json: changes,
    });
    return result({ ...existing, ...changes, ...data }, 'updated');
  }
  const { data } = await keap<KeapNote>(ctx, {
    url: `/v2/contacts/${encodeURIComponent(contactId)}/notes`,
    method: 'POST',
    json: { ...changes, user_id: await connectedUserId(ctx) },
  });
  return result({ ...changes, ...data }, 'created');
};
