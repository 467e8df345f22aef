import type { CrmProvider } from '../types';
import { upsertActivityEvent } from './activities';
import { SALESFORCE_API, SALESFORCE_PAGING } from './client';
import { updateContact, upsertContact } from './contacts';
import { inputFields, leadingInputFields } from './fields';
import { findContacts } from './find';
import { lookup } from './lookups';
import { addToCampaign } from './campaigns';
import { upsertCase } from './cases';
import { addNames } from './names';
import { upsertNote } from './notes';
import { salesforceConnection } from './oauth';
import { SALESFORCE_CASE_INPUTS, SALESFORCE_CONTACT_INPUTS, SALESFORCE_EVENT_INPUTS, SALESFORCE_FIND_INPUTS, SALESFORCE_UPDATE_INPUTS } from './form';
import { salesforceActivityOutputFields, salesforceContactOutputFields } from './mapping';
import { applyTags } from './tags';

export const salesforceProvider: CrmProvider = {
  crm: 'salesforce',
  label: 'Salesforce',
  connection: salesforceConnection,
  api: SALESFORCE_API,
  paging: SALESFORCE_PAGING,
  inputs: {
    upsert_contact: SALESFORCE_CONTACT_INPUTS,
    update_contact: SALESFORCE_UPDATE_INPUTS,
    upsert_case: SALESFORCE_CASE_INPUTS,
    create_activity_event: SALESFORCE_EVENT_INPUTS,
    find_contact: SALESFORCE_FIND_INPUTS,
  },
  contactOutputFields: salesforceContactOutputFields,
  activityOutputFields: salesforceActivityOutputFields,
  upsertContact: (ctx, input) => upsertContact(ctx, { ...input, ...ctx.input.read(SALESFORCE_CONTACT_INPUTS) }),
  updateContact: (ctx, id, input) => updateContact(ctx, id, { ...input, ...ctx.input.read(SALESFORCE_UPDATE_INPUTS) }),
  findContacts,
  addNames,
  applyTags,
  upsertActivityEvent,
  upsertNote,
  addToCampaign,
  upsertCase,
  lookup,
  inputFields,
  leadingInputFields,
};
