import type { CrmProvider } from '../types';
import { upsertContact } from './contacts';
import { upsertActivityEvent } from './activities';
import { inputFields, leadingInputFields } from './fields';
import { findContacts } from './find';
import { lookup } from './lookups';
import { salesforceContactOutputFields } from './output';
import { applyTags } from './tags';
import { SALESFORCE_API } from './client';
import { salesforceConnection } from './oauth';

export const salesforceProvider: CrmProvider = {
  crm: 'salesforce',
  label: 'Salesforce',
  connection: salesforceConnection,
  api: SALESFORCE_API,
  contactOutputFields: salesforceContactOutputFields,
  upsertContact,
  findContacts,
  applyTags,
  upsertActivityEvent,
  lookup,
  inputFields,
  leadingInputFields,
};
