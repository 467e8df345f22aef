import type { Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { bearer, callApi, originsOf, type ApiRoute } from '../../../src/http/api';
import { requestToken, type OAuthInputData } from '../../../src/http/oauth';
import { input, inputSet } from '../../../src/input';
import { oneOf } from '../../../src/inputs';
import type { ContactRecord } from '../../../src/model';
import type { Context, CrmProvider } from '../../../src/providers/types';

/**
 * A minimal third CRM, "Acme CRM", written the way a new provider folder would be: its own
 * route, connection and operations behind the shared interface, and nothing else. The registry
 * test adds it to the registry and runs the real App against it.
 */
export const ACME_BASE = 'https://api.acme-crm.test';
export const ACME_LOGIN = 'https://login.acme-crm.test';

export const ACME_API: ApiRoute = {
  name: 'acme',
  service: 'Acme CRM',
  baseUrl: () => `${ACME_BASE}/v1`,
  trustedOrigins: () => originsOf(ACME_BASE),
  credentials: (z, bundle) => bearer(z, bundle, 'Acme CRM'),
  mapErrors: (z, response) => {
    if (response.status < 400) return response;
    const reason = (response.data as { message?: string } | undefined)?.message ?? `HTTP ${response.status}`;
    throw new z.errors.Error(`Acme CRM refused the request: ${reason}`, 'AcmeError', response.status);
  },
};

/** An input only Acme has, declared once: the form shows it to Acme users, and parseInput checks it with the shared ones. */
export const ACME_CONTACT_INPUTS = inputSet([
  input({
    key: 'acme_segment',
    label: 'Segment',
    choices: { smb: 'Small business', enterprise: 'Enterprise' },
    schema: oneOf(['smb', 'enterprise'], 'smb'),
    helpText: 'The Acme segment a new person joins.',
  }),
]);

const acme = async <T>(ctx: Context, request: HttpRequestOptions & { url: string }): Promise<T> =>
  (await callApi<T>(ctx.z, ctx.bundle, ACME_API, request)).data;

type Person = { id: string; email: string; first_name: string | null; last_name: string | null };

const asRecord = (person: Person, created: boolean): ContactRecord => ({
  ...person,
  crm: 'acme',
  object_type: 'Person',
  created,
  url: `https://app.acme-crm.test/people/${person.id}`,
});

const peopleWithEmail = (ctx: Context, email: string) => acme<{ people: Person[] }>(ctx, { url: '/people', params: { email } });

const tokens = (token: { access_token: string; refresh_token?: string }, previous: Record<string, string> = {}) => ({
  access_token: token.access_token,
  refresh_token: token.refresh_token ?? previous.refresh_token ?? '',
  issued_at: String(Date.now()),
});

const token = (z: ZObject, grant: 'authorization_code' | 'refresh_token', form: Record<string, string | undefined>) =>
  requestToken<{ refresh_token?: string }>(z, { service: 'Acme CRM', url: `${ACME_LOGIN}/oauth/token`, grant, form: { ...form, grant_type: grant } });

export const acmeProvider: CrmProvider = {
  crm: 'acme',
  label: 'Acme CRM',
  api: ACME_API,
  connection: {
    fields: [],
    authorizeUrl: (_z, bundle: Bundle<OAuthInputData>) =>
      `${ACME_LOGIN}/oauth/authorize?${new URLSearchParams({ client_id: 'acme-client', redirect_uri: bundle.inputData.redirect_uri, state: bundle.inputData.state, response_type: 'code' })}`,
    getAccessToken: async (z, bundle) => tokens(await token(z, 'authorization_code', { code: bundle.inputData.code, redirect_uri: bundle.inputData.redirect_uri })),
    refreshAccessToken: async (z, bundle) => tokens(await token(z, 'refresh_token', { refresh_token: bundle.authData.refresh_token }), bundle.authData),
    identity: async (z, bundle) => {
      const { data: me } = await callApi<{ email: string; name: string; company: string }>(z, bundle, ACME_API, { url: '/me' });
      return { account: me.company, user_email: me.email, user_name: me.name, environment: '' };
    },
  },
  inputs: { upsert_contact: ACME_CONTACT_INPUTS },
  paging: { first: (request) => request, rows: (data) => (data as { items?: unknown[] })?.items, next: () => undefined },
  contactOutputFields: [],
  upsertContact: async (ctx, input) => {
    const [existing] = (await peopleWithEmail(ctx, input.email)).people;
    const { acme_segment } = ctx.input.read(ACME_CONTACT_INPUTS);
    const json = { email: input.email, first_name: input.first_name, last_name: input.last_name, segment: acme_segment };
    if (existing) return asRecord(await acme<Person>(ctx, { url: `/people/${existing.id}`, method: 'PATCH', json }), false);
    return asRecord(await acme<Person>(ctx, { url: '/people', method: 'POST', json }), true);
  },
  updateContact: async (ctx, id, input) =>
    asRecord(await acme<Person>(ctx, { url: `/people/${encodeURIComponent(id)}`, method: 'PATCH', json: { email: input.email, first_name: input.first_name, last_name: input.last_name } }), false),
  findContacts: async (ctx, input) => (await peopleWithEmail(ctx, input.email)).people.map((person) => asRecord(person, false)),
  applyTags: async (ctx, contact, plan) => {
    const { tags } = await acme<{ tags: Array<{ id: string; name: string; status: 'applied' | 'removed' }> }>(ctx, {
      url: `/people/${contact.id}/tags`,
      method: 'POST',
      json: { add: plan.apply, remove: plan.remove },
    });
    return { contact_id: contact.id, tags };
  },
  upsertActivityEvent: async (ctx, contact, activity) => {
    const meeting = await acme<{ id: string; created: boolean }>(ctx, {
      url: `/meetings/${encodeURIComponent(activity.booking_id)}`,
      method: 'PUT',
      json: { person_id: contact.id, subject: activity.subject, start: activity.start_time, end: activity.end_time, status: activity.status },
    });
    return {
      id: meeting.id,
      crm: 'acme',
      created: meeting.created,
      action: meeting.created ? 'created' : 'updated',
      status: activity.status,
      booking_id: activity.booking_id,
      url: `https://app.acme-crm.test/meetings/${meeting.id}`,
    };
  },
  upsertNote: async (ctx, contact, note) => {
    const written = await acme<{ id: string; created: boolean }>(ctx, { url: `/notes/${encodeURIComponent(note.booking_id)}`, method: 'PUT', json: { person_id: contact.id, title: note.title, body: note.body } });
    return { id: written.id, crm: 'acme', created: written.created, action: written.created ? 'created' : 'updated', booking_id: note.booking_id, title: note.title, contact_id: contact.id, url: `https://app.acme-crm.test/notes/${written.id}` };
  },
  lookup: async (ctx, kind) => (kind === 'owner' ? (await acme<{ users: Array<{ id: string; name: string }> }>(ctx, { url: '/users' })).users : []),
  inputFields: async (_ctx, operation) => (operation === 'upsert_contact' ? ACME_CONTACT_INPUTS.fields : []),
};
