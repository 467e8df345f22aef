import { createOnce, type ClaimAttempt } from '../../claims';
import type { Context } from '../types';
import { isKeapId, keap, keapAccount, keapList, prefixFilter, sameText } from './client';

/** Lead sources exist only in REST v2. Bookings name them "Master page > Event type > Booking page". */

export const DEFAULT_LEAD_SOURCE_CATEGORY = 'OnceHub';

type Named = { id?: string | number; name?: string };

/** Finds a record by exact name (case-insensitive) through a prefix filter that needs no escaping. */
const findByName = async (ctx: Context, url: string, key: string, name: string): Promise<Named | undefined> => {
  const filter = prefixFilter('name', name);
  const items = await keapList<Named>(ctx, url, key, { params: filter ? { filter } : {} });
  return items.find((item) => sameText(item.name, name));
};

const idOf = (item: Named): string => String(item.id);

/** Creates a named record once across concurrent runs (claimed by name); a run that lost finds the winner's. */
const createNamedOnce = (
  ctx: Context,
  named: { kind: 'lead source' | 'lead source category'; name: string },
  find: () => Promise<Named | undefined>,
  create: () => Promise<Named>,
  attempt: ClaimAttempt = {},
): Promise<string> =>
  createOnce(ctx, { account: keapAccount(ctx), kind: named.kind, ids: [named.name] }, attempt, {
    what: `the Keap ${named.kind} "${named.name.trim()}"`,
    findAgain: async (again) => {
      const found = await find();
      return found ? idOf(found) : createNamedOnce(ctx, named, find, create, again);
    },
    create: async () => {
      const id = idOf(await create());
      return { id, result: id };
    },
  });

/** The category's id: an id is used as given; a name is found, or created once. */
const leadSourceCategoryId = async (ctx: Context, category: string): Promise<string> => {
  if (isKeapId(category)) return category.trim();
  const find = () => findByName(ctx, '/v2/leadSourceCategories', 'lead_source_categories', category);
  const found = await find();
  if (found) return idOf(found);
  return createNamedOnce(ctx, { kind: 'lead source category', name: category }, find, async () => {
    const { data } = await keap<Named>(ctx, {
      url: '/v2/leadSourceCategories',
      method: 'POST',
      json: { name: category.trim(), description: 'Created by the OnceHub Zapier integration' },
    });
    return data;
  });
};

/**
 * The lead source's id: an id is used as given; a name is looked up first and created (in its
 * category) only when missing, so running the step again finds what the first run created.
 */
export const resolveLeadSourceId = async (ctx: Context, leadSource: string, category?: string): Promise<string> => {
  if (isKeapId(leadSource)) return leadSource.trim();
  const find = () => findByName(ctx, '/v2/leadSources', 'lead_sources', leadSource);
  const found = await find();
  if (found) return idOf(found);
  const categoryId = await leadSourceCategoryId(ctx, category ?? DEFAULT_LEAD_SOURCE_CATEGORY);
  return createNamedOnce(ctx, { kind: 'lead source', name: leadSource }, find, async () => {
    const { data } = await keap<Named>(ctx, {
      url: '/v2/leadSources',
      method: 'POST',
      json: { name: leadSource.trim(), status: 'ACTIVE', lead_source_category_id: categoryId },
    });
    return data;
  });
};
