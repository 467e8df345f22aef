import { isRecord, json, noContent, type Router } from '../http';
import { body, fail, numericId, pageV1, pageV2, parseFilter, stamp, text, wildcardMatch, type KeapContext, type Version } from './common';
import type { KeapLeadSource, KeapStore, KeapTag, KeapTagCategory } from './store';

/**
 * Tags, tag categories, lead sources and their categories. Keap allows several tags with the
 * same name, so the emulator does too: avoiding duplicates is the connector's job.
 */

const categoryV1 = (c: KeapTagCategory | undefined) => (c ? { id: c.id, name: c.name, description: c.description ?? '' } : null);

const tagV1 = (store: KeapStore, t: KeapTag) => ({
  id: t.id,
  name: t.name,
  description: t.description ?? '',
  category: categoryV1(t.category_id ? store.tagCategories.get(t.category_id) : undefined),
});

const tagV2 = (t: KeapTag) => ({
  id: String(t.id),
  name: t.name,
  description: t.description ?? '',
  ...(t.category_id ? { category: { id: String(t.category_id) } } : {}),
  create_time: t.created,
  update_time: t.updated,
});

const categoryV2 = (c: { id: number; name: string; description?: string; created: string; updated: string }) => ({
  id: String(c.id),
  name: c.name,
  description: c.description ?? '',
  create_time: c.created,
  update_time: c.updated,
});

const requiredName = (version: Version, input: Record<string, unknown>, max = 255): string => {
  const name = text(input.name)?.trim();
  if (!name) fail(version, 400, 'name is required');
  if (name!.length > max) fail(version, 400, `name must be at most ${max} characters`);
  return name!;
};

const createTag = (store: KeapStore, version: Version, input: Record<string, unknown>): KeapTag => {
  const name = requiredName(version, input);
  let categoryId: number | undefined;
  if (isRecord(input.category) && input.category.id !== undefined && input.category.id !== null) {
    categoryId = Number(input.category.id);
    if (!store.tagCategories.has(categoryId)) fail(version, 400, `Tag category ${String(input.category.id)} does not exist`);
  }
  const now = stamp();
  const description = text(input.description);
  const tag: KeapTag = { id: store.id(), name, ...(description ? { description } : {}), ...(categoryId ? { category_id: categoryId } : {}), created: now, updated: now };
  store.tags.set(tag.id, tag);
  return tag;
};

const createCategory = (store: KeapStore, version: Version, input: Record<string, unknown>): KeapTagCategory => {
  const now = stamp();
  const description = text(input.description);
  const category: KeapTagCategory = { id: store.id(), name: requiredName(version, input), ...(description ? { description } : {}), created: now, updated: now };
  store.tagCategories.set(category.id, category);
  return category;
};

const contactOf = (store: KeapStore, version: Version, raw: string) => {
  const contact = store.contacts.get(numericId(version, raw, 'contact'));
  if (!contact) fail(version, 404, `Contact ${raw} not found`);
  return contact!;
};

const tagOf = (store: KeapStore, version: Version, raw: string) => {
  const tag = store.tags.get(numericId(version, raw, 'tag'));
  if (!tag) fail(version, 404, `Tag ${raw} not found`);
  return tag!;
};

const ids = (value: unknown, version: Version, name: string): string[] => {
  if (!Array.isArray(value) || value.length === 0) fail(version, 400, `${name} must be a non-empty array`);
  return (value as unknown[]).map(String);
};

const registerTagRoutes = (router: Router<KeapContext>): void => {
  router
    .on('GET', '/v1/tags', (req, _p, ctx) => {
      const name = req.query.get('name');
      const category = req.query.get('category');
      const items = [...ctx.store.tags.values()].filter(
        (t) => (!name || t.name === name) && (!category || String(t.category_id) === category),
      );
      const page = pageV1(req, ctx, '/v1/tags', items);
      return json(200, { tags: page.items.map((t) => tagV1(ctx.store, t)), count: page.count, next: page.next, previous: page.previous });
    })
    .on('POST', '/v1/tags', (req, _p, { store }) => json(200, tagV1(store, createTag(store, 'v1', body(req, 'v1')))))
    .on('POST', '/v1/tags/categories', (req, _p, { store }) => json(200, categoryV1(createCategory(store, 'v1', body(req, 'v1')))))
    .on('GET', '/v1/contacts/:id/tags', (req, { id = '' }, ctx) => {
      const contact = contactOf(ctx.store, 'v1', id);
      const applied = Object.entries(contact.tags).flatMap(([tagId, time]) => {
        const tag = ctx.store.tags.get(Number(tagId));
        return tag ? [{ date_applied: time, tag: { id: tag.id, name: tag.name, category: tag.category_id ? ctx.store.tagCategories.get(tag.category_id)?.name ?? null : null } }] : [];
      });
      const page = pageV1(req, ctx, `/v1/contacts/${contact.id}/tags`, applied);
      return json(200, { tags: page.items, count: page.count, next: page.next, previous: page.previous });
    })
    .on('POST', '/v1/contacts/:id/tags', (req, { id = '' }, { store }) => {
      const input = body(req, 'v1');
      const tagIds = ids(input.tagIds, 'v1', 'tagIds');
      const contact = store.contacts.get(Number(id));
      const result: Record<string, string> = {};
      for (const tagId of tagIds) {
        if (!contact) result[tagId] = 'CONTACT_NOT_FOUND';
        else if (!store.tags.has(Number(tagId))) result[tagId] = 'TAG_ID_NOT_FOUND';
        else if (contact.tags[Number(tagId)]) result[tagId] = 'DUPLICATE';
        else {
          contact.tags[Number(tagId)] = stamp();
          result[tagId] = 'SUCCESS';
        }
      }
      return json(200, result);
    })
    .on('DELETE', '/v1/contacts/:id/tags', (req, { id = '' }, { store }) => {
      const contact = contactOf(store, 'v1', id);
      const list = (req.query.get('ids') ?? '').split(',').map((i) => i.trim()).filter(Boolean);
      if (list.length === 0) fail('v1', 400, 'ids is required');
      for (const tagId of list) delete contact.tags[Number(tagId)];
      return noContent();
    })
    .on('DELETE', '/v1/contacts/:id/tags/:tagId', (_req, { id = '', tagId = '' }, { store }) => {
      const contact = contactOf(store, 'v1', id);
      delete contact.tags[Number(tagId)];
      return noContent();
    })
    .on('GET', '/v2/tags', (req, _p, { store }) => {
      const filter = parseFilter(req, ['name', 'description', 'category_id', 'tag_ids']);
      const items = [...store.tags.values()].filter(
        (t) =>
          (filter.name === undefined || exactName(filter.name, t.name)) &&
          (filter.description === undefined || wildcardMatch(filter.description, t.description)) &&
          (filter.category_id === undefined || (filter.category_id === 'NONE' ? !t.category_id : String(t.category_id) === filter.category_id)) &&
          (filter.tag_ids === undefined || filter.tag_ids.split(',').includes(String(t.id))),
      );
      const page = pageV2(req, items);
      return json(200, { tags: page.items.map(tagV2), next_page_token: page.next_page_token });
    })
    .on('POST', '/v2/tags', (req, _p, { store }) => json(201, tagV2(createTag(store, 'v2', body(req, 'v2')))))
    .on('GET', '/v2/tags/categories', (req, _p, { store }) => {
      const filter = parseFilter(req, ['name', 'description']);
      const items = [...store.tagCategories.values()].filter((c) => filter.name === undefined || exactName(filter.name, c.name));
      const page = pageV2(req, items);
      return json(200, { tag_categories: page.items.map(categoryV2), next_page_token: page.next_page_token });
    })
    .on('POST', '/v2/tags/categories', (req, _p, { store }) => json(201, categoryV2(createCategory(store, 'v2', body(req, 'v2')))))
    .on('GET', '/v2/tags/:id', (_req, { id = '' }, { store }) => json(200, tagV2(tagOf(store, 'v2', id))))
    .on('POST', '/v2/tags/:id/contacts:applyTags', (req, { id = '' }, { store }) => {
      const tag = tagOf(store, 'v2', id);
      const results: Record<string, string> = {};
      for (const contactId of ids(body(req, 'v2').contact_ids, 'v2', 'contact_ids')) {
        const contact = store.contacts.get(Number(contactId));
        if (!contact) results[contactId] = 'CONTACT_NOT_FOUND';
        else if (contact.tags[tag.id]) results[contactId] = 'DUPLICATE';
        else {
          contact.tags[tag.id] = stamp();
          results[contactId] = 'SUCCESS';
        }
      }
      return json(200, { results });
    })
    .on('POST', '/v2/tags/:id/contacts:removeTags', (req, { id = '' }, { store }) => {
      const tag = tagOf(store, 'v2', id);
      for (const contactId of ids(body(req, 'v2').contact_ids, 'v2', 'contact_ids')) {
        const contact = store.contacts.get(Number(contactId));
        if (contact) delete contact.tags[tag.id];
      }
      return noContent();
    })
    .on('GET', '/v2/contacts/:id/tags', (req, { id = '' }, { store }) => {
      const contact = contactOf(store, 'v2', id);
      const applied = Object.entries(contact.tags).flatMap(([tagId, time]) => {
        const tag = store.tags.get(Number(tagId));
        return tag ? [{ tag: tagV2(tag), applied_time: time }] : [];
      });
      const page = pageV2(req, applied);
      return json(200, { tags: page.items, next_page_token: page.next_page_token });
    });
};

const leadSourceV2 = (s: KeapLeadSource) => ({
  id: String(s.id),
  name: s.name,
  description: s.description ?? '',
  vendor: s.vendor ?? '',
  medium: s.medium ?? '',
  message: s.message ?? '',
  status: s.status,
  ...(s.lead_source_category_id ? { lead_source_category_id: String(s.lead_source_category_id) } : {}),
  ...(s.start_time ? { start_time: s.start_time } : {}),
  ...(s.end_time ? { end_time: s.end_time } : {}),
  create_time: s.created,
  update_time: s.updated,
});

const registerLeadSourceRoutes = (router: Router<KeapContext>): void => {
  router
    .on('GET', '/v2/leadSources', (req, _p, { store }) => {
      const filter = parseFilter(req, ['name', 'status', 'lead_source_category_id', 'vendor', 'medium']);
      const items = [...store.leadSources.values()].filter(
        (s) =>
          (filter.name === undefined || wildcardMatch(filter.name, s.name)) &&
          (filter.status === undefined || s.status === filter.status.toUpperCase()) &&
          (filter.vendor === undefined || wildcardMatch(filter.vendor, s.vendor)) &&
          (filter.medium === undefined || wildcardMatch(filter.medium, s.medium)) &&
          (filter.lead_source_category_id === undefined || String(s.lead_source_category_id) === filter.lead_source_category_id),
      );
      const page = pageV2(req, items);
      return json(200, { lead_sources: page.items.map(leadSourceV2), next_page_token: page.next_page_token });
    })
    .on('POST', '/v2/leadSources', (req, _p, { store }) => {
      const input = body(req, 'v2');
      const name = requiredName('v2', input);
      const status = text(input.status)?.toUpperCase() ?? 'ACTIVE';
      if (status !== 'ACTIVE' && status !== 'INACTIVE') fail('v2', 400, `Invalid status: ${status}`);
      const categoryId = input.lead_source_category_id === undefined || input.lead_source_category_id === null ? undefined : Number(input.lead_source_category_id);
      if (categoryId !== undefined && !store.leadSourceCategories.has(categoryId)) {
        fail('v2', 400, `Lead source category ${String(input.lead_source_category_id)} does not exist`);
      }
      const now = stamp();
      const source: KeapLeadSource = { id: store.id(), name, status: status as KeapLeadSource['status'], created: now, updated: now };
      for (const key of ['description', 'vendor', 'medium', 'message', 'start_time', 'end_time'] as const) {
        const value = text(input[key]);
        if (value) source[key] = value;
      }
      if (categoryId !== undefined) source.lead_source_category_id = categoryId;
      store.leadSources.set(source.id, source);
      return json(201, leadSourceV2(source));
    })
    .on('GET', '/v2/leadSources/:id', (_req, { id = '' }, { store }) => {
      const source = store.leadSources.get(numericId('v2', id, 'lead source'));
      if (!source) fail('v2', 404, `Lead source ${id} not found`);
      return json(200, leadSourceV2(source!));
    })
    .on('GET', '/v2/leadSourceCategories', (req, _p, { store }) => {
      const filter = parseFilter(req, ['name', 'description']);
      const items = [...store.leadSourceCategories.values()].filter((c) => filter.name === undefined || wildcardMatch(filter.name, c.name));
      const page = pageV2(req, items);
      return json(200, { lead_source_categories: page.items.map(categoryV2), next_page_token: page.next_page_token });
    })
    .on('POST', '/v2/leadSourceCategories', (req, _p, { store }) => {
      const input = body(req, 'v2');
      const name = requiredName('v2', input);
      // Unlike tags, lead source category names must be unique (keap.md §2.7).
      if ([...store.leadSourceCategories.values()].some((c) => c.name.toLowerCase() === name.toLowerCase())) {
        fail('v2', 409, `A lead source category named '${name}' already exists`);
      }
      const now = stamp();
      const description = text(input.description);
      const category = { id: store.id(), name, ...(description ? { description } : {}), created: now, updated: now };
      store.leadSourceCategories.set(category.id, category);
      return json(201, categoryV2(category));
    });
};

/**
 * The v2 OpenAPI documents a `name` wildcard for lead sources and their categories, but only an
 * exact `name==` for tags and tag categories. Whether that match ignores case is unconfirmed, so
 * the sandbox takes the stricter reading: the exact text, `*` included.
 */
const exactName = (wanted: string, name: unknown): boolean => wanted === String(name ?? '');

/** v1 `GET /campaigns`: read-only, paged with limit and offset like every v1 list. */
const registerCampaigns = (router: Router<KeapContext>): void => {
  router.on('GET', '/v1/campaigns', (req, _p, ctx) => {
    const page = pageV1(req, ctx, '/v1/campaigns', [...ctx.store.campaigns.values()]);
    return json(200, { campaigns: page.items, count: page.count, next: page.next, previous: page.previous });
  });
};

export const registerTags = (router: Router<KeapContext>): void => {
  registerCampaigns(router);
  registerTagRoutes(router);
  registerLeadSourceRoutes(router);
};
