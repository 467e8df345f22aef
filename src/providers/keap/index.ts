import type { CrmProvider } from '../types';
import { upsertActivityEvent } from './activities';
import { findContacts, upsertContact } from './contacts';
import { customFieldInputs } from './fields';
import { lookup } from './lookups';
import { keapContactOutputFields } from './mapping';
import { applyTags } from './tags';
import { KEAP_FORM_FIELDS } from './form';
import { KEAP_API } from './client';
import { keapConnection } from './oauth';

/** Keap (Infusionsoft) over REST v1 and v2; docs/keap.md says which version each call uses and why. */
export const keapProvider: CrmProvider = {
  crm: 'keap',
  label: 'Keap',
  connection: keapConnection,
  api: KEAP_API,
  contactOutputFields: keapContactOutputFields,
  upsertContact,
  findContacts,
  applyTags,
  upsertActivityEvent,
  lookup,
  inputFields: async (ctx, operation) => [...KEAP_FORM_FIELDS[operation], ...(operation === 'upsert_contact' ? await customFieldInputs(ctx) : [])],
};
