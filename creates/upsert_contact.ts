import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { parseInput } from '../src/input';
import { contactInputSchema } from '../src/model';
import { withSplitName } from '../src/names';
import { crmInputFields, crmLeadingInputFields, providerFor } from '../src/providers';
import { contactOutputFields, contactSample } from '../src/samples';
import { lookupDropdown } from '../triggers/lookups';

export const upsertContactInputFields = [
  { key: 'email', label: 'Email', required: true, helpText: 'The contact is matched on this address (case-insensitive).' },
  { key: 'first_name', label: 'First Name' },
  { key: 'last_name', label: 'Last Name' },
  {
    key: 'name',
    label: 'Full Name',
    helpText: 'Used only when First Name and Last Name are empty: split into first name and the rest as last name.',
  },
  { key: 'phone', label: 'Phone' },
  { key: 'mobile_phone', label: 'Mobile Phone' },
  { key: 'company', label: 'Company' },
  { key: 'job_title', label: 'Job Title' },
  { key: 'website', label: 'Website' },
  { key: 'address_line1', label: 'Address Line 1' },
  { key: 'address_line2', label: 'Address Line 2' },
  { key: 'city', label: 'City' },
  {
    key: 'country_code',
    label: 'Country',
    dynamic: lookupDropdown('country'),
    helpText: 'A country from the list, or an ISO code (US, USA) or English name; required when Region is set.',
  },
  {
    key: 'region',
    label: 'Region',
    dynamic: lookupDropdown('region'),
    helpText: 'State or province of the chosen Country (choose the Country first).',
  },
  { key: 'postal_code', label: 'Postal Code' },
  {
    key: 'lead_source',
    label: 'Lead Source',
    dynamic: lookupDropdown('lead_source'),
    helpText: 'Choose one, or map the lead source from the New Booking trigger.',
  },
  { key: 'owner_id', label: 'Owner', dynamic: lookupDropdown('owner') },
] as const;

export const upsertContact = async (z: ZObject, bundle: Bundle) => {
  const input = parseInput(z, contactInputSchema, withSplitName(bundle.inputData));
  return providerFor(z, bundle).upsertContact({ z, bundle }, input);
};

export default defineCreate({
  key: 'upsert_contact',
  noun: 'Contact',
  display: {
    label: 'Create or Update Contact',
    description: 'Creates a contact, or updates the one with the same email.',
  },
  operation: {
    inputFields: [
      async (z: ZObject, bundle: Bundle) => crmLeadingInputFields(z, bundle, 'upsert_contact'),
      ...upsertContactInputFields,
      async (z: ZObject, bundle: Bundle) => crmInputFields(z, bundle, 'upsert_contact', upsertContactInputFields),
    ],
    perform: upsertContact,
    sample: contactSample,
    outputFields: [...contactOutputFields, async (z: ZObject, bundle: Bundle) => providerFor(z, bundle).contactOutputFields],
  },
});
