import type { CrmProvider } from '../types';
import { upsertActivityEvent } from './activities';
import { KEAP_API, KEAP_PAGING } from './client';
import { findContacts, updateContact, upsertContact } from './contacts';
import { customFieldInputs } from './fields';
import { KEAP_ACTIVITY_INPUTS, KEAP_CONTACT_INPUTS, KEAP_INPUTS, KEAP_NOTE_INPUTS, KEAP_TAG_INPUTS, KEAP_UPDATE_INPUTS } from './form';
import { lookup } from './lookups';
import { keapActivityOutputFields, keapContactOutputFields } from './mapping';
import { keapConnection } from './oauth';
import { withNames } from './names';
import { upsertNote } from './notes';
import { applyTags } from './tags';

/** Keap (Infusionsoft) over REST v1 and v2; docs/keap.md says which version each call uses and why. */
export const keapProvider: CrmProvider = {
  crm: 'keap',
  label: 'Keap',
  connection: keapConnection,
  api: KEAP_API,
  paging: KEAP_PAGING,
  inputs: KEAP_INPUTS,
  contactOutputFields: keapContactOutputFields,
  activityOutputFields: keapActivityOutputFields,
  upsertContact: (ctx, input) => upsertContact(ctx, { ...input, ...ctx.input.read(KEAP_CONTACT_INPUTS) }),
  updateContact: (ctx, id, input) => updateContact(ctx, id, { ...input, ...ctx.input.read(KEAP_UPDATE_INPUTS) }),
  findContacts,
  addNames: withNames,
  applyTags: (ctx, contact, plan) => applyTags(ctx, contact, { ...plan, category: ctx.input.read(KEAP_TAG_INPUTS).tag_category }),
  upsertActivityEvent: (ctx, contact, activity) => upsertActivityEvent(ctx, contact, { ...activity, ...ctx.input.read(KEAP_ACTIVITY_INPUTS) }),
  upsertNote: (ctx, contact, note) => upsertNote(ctx, contact, { ...note, ...ctx.input.read(KEAP_NOTE_INPUTS) }),
  lookup,
  inputFields: async (ctx, operation) => [
    ...(KEAP_INPUTS[operation]?.fields ?? []),
    ...(operation === 'upsert_contact' || operation === 'update_contact' ? await customFieldInputs(ctx) : []),
  ],
};
