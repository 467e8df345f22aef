import type { CrmProvider } from '../types';
import { upsertContact } from './contacts';
import { upsertActivityEvent } from './events';
import { inputFields } from './fields';
import { findContacts } from './find';
import { lookup } from './lookups';
import { applyTags } from './topics';

export { salesforceActivitySample, salesforceContactOutputFields, salesforceContactSample } from './samples';

export const salesforceProvider: CrmProvider = {
  crm: 'salesforce',
  upsertContact,
  findContacts,
  applyTags,
  upsertActivityEvent,
  lookup,
  inputFields,
};
