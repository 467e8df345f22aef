import { defineApp, version as platformVersion } from 'zapier-platform-core';
import packageJson from './package.json';
import authentication from './authentication';
import addNote from './creates/add_note';
import addToCampaign from './creates/add_to_campaign';
import apiRequest from './creates/api_request';
import applyTag from './creates/apply_tag';
import createActivityEvent from './creates/create_activity_event';
import updateContact from './creates/update_contact';
import upsertCase from './creates/upsert_case';
import upsertContact from './creates/upsert_contact';
import findRowsByApiRequest from './searches/api_request';
import findContact from './searches/find_contact';
import { mapApiErrors, routeApiRequest } from './src/http/api';
import { lookupTriggers } from './triggers/lookups';
import newBooking from './triggers/new_booking';

export default defineApp({
  version: packageJson.version,
  platformVersion,
  authentication,
  beforeRequest: [routeApiRequest],
  afterResponse: [mapApiErrors],
  triggers: {
    ...lookupTriggers,
    [newBooking.key]: newBooking,
  },
  searches: {
    [findContact.key]: findContact,
    [findRowsByApiRequest.key]: findRowsByApiRequest,
  },
  creates: {
    [upsertContact.key]: upsertContact,
    [updateContact.key]: updateContact,
    [applyTag.key]: applyTag,
    [createActivityEvent.key]: createActivityEvent,
    [addNote.key]: addNote,
    [addToCampaign.key]: addToCampaign,
    [upsertCase.key]: upsertCase,
    [apiRequest.key]: apiRequest,
  },
  searchOrCreates: {
    [findContact.key]: {
      key: findContact.key,
      display: {
        label: 'Find or Create Contact',
        description: 'Finds a contact by email, or creates one when none exists.',
      },
      search: findContact.key,
      create: upsertContact.key,
      // Find or Create can also update the contact it found, with the create's fields.
      update: updateContact.key,
      updateInputFromSearchOutput: { contact_id: 'id' },
    },
  },
});
