import type { Context } from '../types';
import { createNamedOnce, isKeapId, keap, keapList, prefixFilter, sameText } from './client';

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

/** The category's id: an id is used as given; a name is found, or created once. */
const leadSourceCategoryId = async (ctx: Context, category: string): Promise<string> => {
  if (isKeapId(category)) return category.trim();
  const find = () => findByName(ctx, '/v2/leadSourceCategories', 'lead_source_categories', category);
  const found = await find();
  if (found) return idOf(found);
  const created = await createNamedOnce(ctx, { kind: 'lead source category', name: category }, find, async () => {
    const { data } = await keap<Named>(ctx, {
      url: '/v2/leadSourceCategories',
      method: 'POST',
      json: { name: category.trim(), description: 'Created by the OnceHub Zapier integration' },
    });
    return data;
  });
  return idOf(created);
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
  const created = await createNamedOnce(ctx, { kind: 'lead source', name: leadSource }, find, async () => {
    const { data } = await keap<Named>(ctx, {
      url: '/v2/leadSources',
      method: 'POST',
      json: { name: leadSource.trim(), status: 'ACTIVE', lead_source_category_id: categoryId },
    });
    return data;
  });
  return idOf(created);
};
