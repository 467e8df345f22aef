import { json, noContent, type Router, type SandboxRequest } from '../http';
import { applyPatch, contactPatch, requireReachable, sourceTypeV1, updateMask, type ContactPatch } from './contact-input';
import { body, fail, idOut, numericId, pageV1, pageV2, parseFilter, sameText, wildcardMatch, type KeapContext, type Version } from './common';
import type { KeapContact, KeapStore } from './store';

const V1_OPTIONAL = ['lead_source_id', 'custom_fields', 'job_title'];

const emailStatus = (c: KeapContact) => (c.fields.opt_in_reason ? 'SingleOptIn' : 'UnengagedNonMarketable');

const companyOut = (version: Version, c: KeapContact) =>
  c.fields.company_name || c.fields.company_id
    ? { id: version === 'v1' ? Number(c.fields.company_id ?? 0) : String(c.fields.company_id ?? ''), company_name: c.fields.company_name ?? '' }
    : null;

const customOut = (version: Version, c: KeapContact) =>
  Object.entries(c.custom_fields).map(([id, content]) => ({ id: version === 'v1' ? Number(id) : id, content }));

export const renderV1 = (c: KeapContact, optional: readonly string[] = V1_OPTIONAL): Record<string, unknown> => {
  const f = c.fields;
  const out: Record<string, unknown> = {
    id: c.id,
    given_name: f.given_name ?? null,
    family_name: f.family_name ?? null,
    middle_name: f.middle_name ?? null,
    prefix: f.prefix ?? null,
    suffix: f.suffix ?? null,
    preferred_name: f.preferred_name ?? null,
    spouse_name: f.spouse_name ?? null,
    contact_type: f.contact_type ?? null,
    website: f.website ?? null,
    time_zone: f.time_zone ?? null,
    preferred_locale: f.preferred_locale ?? null,
    email_addresses: c.email_addresses.map(({ email, field }) => ({ email, field })),
    phone_numbers: c.phone_numbers.map((p) => ({ number: p.number, field: p.field, type: p.type ?? null, extension: p.extension ?? null })),
    fax_numbers: [],
    addresses: c.addresses.map(({ region_code: _code, ...a }) => a),
    social_accounts: [],
    birthday: f.birth_date ? `${String(f.birth_date)}T00:00:00.000Z` : null,
    anniversary: f.anniversary_date ? `${String(f.anniversary_date)}T00:00:00.000Z` : null,
    company: companyOut('v1', c),
    company_name: f.company_name ?? null,
    owner_id: f.owner_id ?? null,
    source_type: sourceTypeV1(f.source_type) ?? null,
    origin: f.origin_ip ? { ip_address: f.origin_ip } : null,
    opt_in_reason: f.opt_in_reason ?? null,
    email_opted_in: Boolean(f.opt_in_reason),
    email_status: emailStatus(c),
    tag_ids: Object.keys(c.tags).map(Number),
    ScoreValue: null,
    date_created: c.created,
    last_updated: c.updated,
  };
  if (optional.includes('job_title')) out.job_title = f.job_title ?? null;
  if (optional.includes('lead_source_id')) out.lead_source_id = f.leadsource_id ?? null;
  if (optional.includes('custom_fields')) out.custom_fields = customOut('v1', c);
  return out;
};

export const renderV2 = (c: KeapContact, fields?: string[]): Record<string, unknown> => {
  const f = c.fields;
  const out: Record<string, unknown> = {
    id: String(c.id),
    given_name: f.given_name,
    family_name: f.family_name,
    middle_name: f.middle_name,
    prefix: f.prefix,
    suffix: f.suffix,
    preferred_name: f.preferred_name,
    spouse_name: f.spouse_name,
    job_title: f.job_title,
    contact_type: f.contact_type,
    website: f.website,
    time_zone: f.time_zone,
    preferred_locale: f.preferred_locale,
    email_addresses: c.email_addresses.map((e) => ({
      email: e.email,
      field: e.field,
      is_opt_in: Boolean(e.opt_in_reason ?? f.opt_in_reason),
      email_opt_status: e.opt_in_reason || f.opt_in_reason ? 'SINGLE_OPT_IN' : 'UNENGAGED_NON_MARKETABLE',
      ...(e.opt_in_reason ? { opt_in_reason: e.opt_in_reason } : {}),
    })),
    phone_numbers: c.phone_numbers.map((p) => ({ ...p })),
    fax_numbers: [],
    addresses: c.addresses.map((a) => ({ ...a })),
    social_accounts: [],
    birth_date: f.birth_date,
    anniversary_date: f.anniversary_date,
    company: companyOut('v2', c) ?? undefined,
    leadsource_id: f.leadsource_id === undefined ? undefined : String(f.leadsource_id),
    owner_id: f.owner_id === undefined ? undefined : String(f.owner_id),
    source_type: f.source_type,
    origin: f.origin_ip ? { ip_address: f.origin_ip } : undefined,
    custom_fields: customOut('v2', c),
    tag_ids: Object.keys(c.tags),
    score_value: '0',
    links: [],
    create_time: c.created,
    update_time: c.updated,
  };
  for (const key of Object.keys(out)) if (out[key] === undefined || (fields && key !== 'id' && !fields.includes(key))) delete out[key];
  return out;
};

const optionalProperties = (req: SandboxRequest): string[] =>
  (req.query.get('optional_properties') ?? '').split(',').map((p) => p.trim()).filter(Boolean);

const v2Fields = (req: SandboxRequest): string[] | undefined => {
  const values = req.query.getAll('fields').flatMap((f) => f.split(',')).map((f) => f.trim()).filter(Boolean);
  return values.length ? values : undefined;
};

const findContact = (store: KeapStore, version: Version, raw: string): KeapContact => {
  const contact = store.contacts.get(numericId(version, raw, 'contact'));
  if (!contact) fail(version, 404, `Contact ${raw} not found`);
  return contact!;
};

const createContact = (store: KeapStore, version: Version, patch: ContactPatch): KeapContact => {
  const now = new Date().toISOString();
  const contact: KeapContact = {
    id: store.id(),
    fields: {},
    email_addresses: [],
    phone_numbers: [],
    addresses: [],
    custom_fields: {},
    tags: {},
    created: now,
    updated: now,
  };
  applyPatch(contact, patch);
  requireReachable(version, contact);
  store.contacts.set(contact.id, contact);
  return contact;
};

type DuplicateOption = 'Email' | 'EmailAndName' | 'EmailAndNameAndCompany';

/** Keap's duplicate check: email case-insensitively, then optionally the name and company too. */
const findDuplicate = (store: KeapStore, option: DuplicateOption, patch: ContactPatch): KeapContact | undefined => {
  const email = patch.email_addresses?.[0]?.email;
  if (!email) return undefined;
  return [...store.contacts.values()].find(
    (c) =>
      c.email_addresses.some((e) => sameText(e.email, email)) &&
      (option === 'Email' || (sameText(c.fields.given_name, patch.fields.given_name) && sameText(c.fields.family_name, patch.fields.family_name))) &&
      (option !== 'EmailAndNameAndCompany' || sameText(c.fields.company_name, patch.fields.company_name)),
  );
};

const duplicateOption = (version: Version, value: unknown): DuplicateOption => {
  const allowed: DuplicateOption[] = version === 'v1' ? ['Email', 'EmailAndName'] : ['Email', 'EmailAndName', 'EmailAndNameAndCompany'];
  if (!allowed.includes(value as DuplicateOption)) fail(version, 400, `Invalid duplicate_option: ${String(value)}. Use one of ${allowed.join(', ')}`);
  return value as DuplicateOption;
};

/**
 * How long the duplicate check and the write are apart. Keap documents no atomicity for its
 * duplicate check, so the sandbox takes the stricter reading: two concurrent requests can both
 * find no duplicate and both create.
 */
const CHECK_TO_WRITE_MS = 5;

/** Creates or updates; `updated` tells the caller whether an existing contact was matched. */
const upsert = async (store: KeapStore, version: Version, option: DuplicateOption, patch: ContactPatch) => {
  const existing = findDuplicate(store, option, patch);
  await new Promise((resolve) => setTimeout(resolve, CHECK_TO_WRITE_MS));
  if (!existing) return { contact: createContact(store, version, patch), created: true };
  applyPatch(existing, patch);
  return { contact: existing, created: false };
};

const ORDER_V1: Record<string, (c: KeapContact) => string | number> = {
  id: (c) => c.id,
  date_created: (c) => c.created,
  name: (c) => `${String(c.fields.family_name ?? '')} ${String(c.fields.given_name ?? '')}`.toLowerCase(),
  firstName: (c) => String(c.fields.given_name ?? '').toLowerCase(),
  email: (c) => (c.email_addresses[0]?.email ?? '').toLowerCase(),
};

const ORDER_V2: Record<string, (c: KeapContact) => string | number> = {
  id: (c) => c.id,
  create_time: (c) => c.created,
  update_time: (c) => `${c.updated}#${String(c.id).padStart(10, '0')}`,
  email: (c) => (c.email_addresses[0]?.email ?? '').toLowerCase(),
};

const sortBy = (items: KeapContact[], key: (c: KeapContact) => string | number, descending: boolean) =>
  items.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return (x < y ? -1 : x > y ? 1 : 0) * (descending ? -1 : 1);
  });

const listV1 = (req: SandboxRequest, ctx: KeapContext) => {
  const q = req.query;
  let items = [...ctx.store.contacts.values()];
  const email = q.get('email');
  if (email) items = items.filter((c) => c.email_addresses.some((e) => sameText(e.email, email)));
  for (const key of ['given_name', 'family_name'] as const) {
    const value = q.get(key);
    if (value) items = items.filter((c) => sameText(c.fields[key], value));
  }
  const since = q.get('since');
  const until = q.get('until');
  if (since) items = items.filter((c) => c.updated >= new Date(since).toISOString());
  if (until) items = items.filter((c) => c.updated <= new Date(until).toISOString());
  const order = q.get('order') ?? 'id';
  const key = ORDER_V1[order];
  if (!key) fail('v1', 400, `Invalid order: ${order}`);
  sortBy(items, key!, (q.get('order_direction') ?? 'ASCENDING').toUpperCase() === 'DESCENDING');
  const page = pageV1(req, ctx, '/v1/contacts', items);
  const optional = optionalProperties(req);
  return json(200, { contacts: page.items.map((c) => renderV1(c, optional)), count: page.count, next: page.next, previous: page.previous });
};

const listV2 = (req: SandboxRequest, ctx: KeapContext) => {
  const customNames = ctx.store.customFields.map((f) => f.field_name);
  const filter = parseFilter(req, ['email', 'given_name', 'family_name', 'ids', 'contact_ids', 'start_update_time', 'end_update_time', ...customNames]);
  let items = [...ctx.store.contacts.values()];
  if (filter.email) items = items.filter((c) => c.email_addresses.some((e) => wildcardMatch(filter.email!, e.email)));
  for (const key of ['given_name', 'family_name'] as const) {
    const pattern = filter[key];
    if (pattern) items = items.filter((c) => wildcardMatch(pattern, c.fields[key]));
  }
  const ids = filter.ids ?? filter.contact_ids;
  if (ids) items = items.filter((c) => ids.split(',').map((i) => i.trim()).includes(String(c.id)));
  if (filter.start_update_time) items = items.filter((c) => c.updated >= new Date(filter.start_update_time!).toISOString());
  if (filter.end_update_time) items = items.filter((c) => c.updated <= new Date(filter.end_update_time!).toISOString());
  for (const field of ctx.store.customFields) {
    const pattern = filter[field.field_name];
    if (pattern !== undefined) items = items.filter((c) => wildcardMatch(pattern, c.custom_fields[field.id]));
  }
  const [orderField = 'id', direction = 'asc'] = (req.query.get('order_by') ?? 'id').trim().split(/\s+/);
  const key = ORDER_V2[orderField];
  if (!key || !['asc', 'desc'].includes(direction.toLowerCase())) fail('v2', 400, `Invalid order_by: ${req.query.get('order_by')}`);
  sortBy(items, key!, direction.toLowerCase() === 'desc');
  const page = pageV2(req, items);
  const fields = v2Fields(req);
  return json(200, { contacts: page.items.map((c) => renderV2(c, fields)), next_page_token: page.next_page_token });
};

const modelOut = (store: KeapStore, version: Version) => ({
  custom_fields: store.customFields.map((f) => ({
    id: idOut(version, f.id),
    label: f.label,
    field_name: f.field_name,
    field_type: version === 'v1' ? f.field_type : f.field_type.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
    record_type: 'CONTACT',
    options: (f.options ?? []).map((o) => ({ id: idOut(version, o.id), label: o.label, ...(version === 'v1' ? { options: [] } : {}) })),
    // The v2 spec types default_value as a string (not nullable): a field without one leaves it out.
    ...(version === 'v2' ? { group_id: '1', group_name: 'Custom Fields' } : {}),
  })),
  optional_properties: version === 'v1' ? V1_OPTIONAL : ['custom_fields', 'job_title', 'leadsource_id'],
});

export const registerContacts = (router: Router<KeapContext>): void => {
  router
    .on('POST', '/v1/contacts', (req, _p, { store }) => json(201, renderV1(createContact(store, 'v1', contactPatch('v1', store, body(req, 'v1'))))))
    .on('PUT', '/v1/contacts', async (req, _p, { store }) => {
      const input = body(req, 'v1');
      const option = duplicateOption('v1', input.duplicate_option ?? 'Email');
      const { contact, created } = await upsert(store, 'v1', option, contactPatch('v1', store, input));
      return json(created ? 201 : 200, renderV1(contact));
    })
    .on('GET', '/v1/contacts', (req, _p, ctx) => listV1(req, ctx))
    .on('GET', '/v1/contacts/model', (_req, _p, { store }) => json(200, modelOut(store, 'v1')))
    .on('GET', '/v1/contacts/:id', (req, { id = '' }, { store }) => json(200, renderV1(findContact(store, 'v1', id), optionalProperties(req))))
    .on('PATCH', '/v1/contacts/:id', (req, { id = '' }, { store }) => {
      const contact = findContact(store, 'v1', id);
      applyPatch(contact, maskPatch(contactPatch('v1', store, body(req, 'v1')), req));
      return json(200, renderV1(contact));
    })
    .on('DELETE', '/v1/contacts/:id', (_req, { id = '' }, { store }) => {
      store.contacts.delete(findContact(store, 'v1', id).id);
      return noContent();
    })
    .on('POST', '/v2/contacts', async (req, _p, { store }) => {
      const patch = contactPatch('v2', store, body(req, 'v2'));
      const option = req.query.get('duplicate_option');
      if (option === null) return json(201, renderV2(createContact(store, 'v2', patch), v2Fields(req)));
      const { contact, created } = await upsert(store, 'v2', duplicateOption('v2', option), patch);
      return json(created ? 201 : 200, renderV2(contact, v2Fields(req)));
    })
    .on('GET', '/v2/contacts', (req, _p, ctx) => listV2(req, ctx))
    .on('GET', '/v2/contacts/model', (_req, _p, { store }) => json(200, modelOut(store, 'v2')))
    .on('GET', '/v2/contacts/:id', (req, { id = '' }, { store }) => json(200, renderV2(findContact(store, 'v2', id), v2Fields(req))))
    .on('PATCH', '/v2/contacts/:id', (req, { id = '' }, { store }) => {
      const contact = findContact(store, 'v2', id);
      const patch = maskPatch(contactPatch('v2', store, body(req, 'v2')), req);
      const before = structuredClone(contact);
      applyPatch(contact, patch);
      try {
        requireReachable('v2', contact);
      } catch (error) {
        Object.assign(contact, before);
        throw error;
      }
      return json(200, renderV2(contact, v2Fields(req)));
    })
    .on('DELETE', '/v2/contacts/:id', (_req, { id = '' }, { store }) => {
      store.contacts.delete(findContact(store, 'v2', id).id);
      return noContent();
    });
};

/** Keeps only the masked fields of a patch; mask names are the request's own field names. */
const maskPatch = (patch: ContactPatch, req: SandboxRequest): ContactPatch => {
  const mask = updateMask(req.query);
  if (!mask) return patch;
  const aliases: Record<string, string> = { lead_source_id: 'leadsource_id', birthday: 'birth_date', anniversary: 'anniversary_date', company: 'company_name' };
  const keep = new Set(mask.map((m) => aliases[m] ?? m));
  return {
    fields: Object.fromEntries(Object.entries(patch.fields).filter(([k]) => keep.has(k) || (k === 'company_id' && keep.has('company_name')))),
    ...(keep.has('email_addresses') && patch.email_addresses ? { email_addresses: patch.email_addresses } : {}),
    ...(keep.has('phone_numbers') && patch.phone_numbers ? { phone_numbers: patch.phone_numbers } : {}),
    ...(keep.has('addresses') && patch.addresses ? { addresses: patch.addresses } : {}),
    ...(keep.has('custom_fields') && patch.custom_fields ? { custom_fields: patch.custom_fields } : {}),
  };
};
