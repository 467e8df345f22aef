import type { ContactRecord } from '../../model';
import type { Context } from '../types';
import { keapList, recall, remember } from './client';

/**
 * Names beside the IDs a Keap contact carries (lead source, owner, tags), so later steps can map
 * words. Each directory is one list call, kept in the account cache for ten minutes; an ID the
 * cached directory does not know (created since) reloads it once.
 */
type Named = { id?: string | number; name?: string };
export type KeapUser = { id?: string | number; given_name?: string; family_name?: string; email_addresses?: Array<{ email?: string }> };

export const userName = (user: KeapUser): string => {
  const name = [user.given_name, user.family_name].filter(Boolean).join(' ');
  const email = user.email_addresses?.[0]?.email;
  return [name, email && `(${email})`].filter(Boolean).join(' ') || String(user.id);
};

const byId = <T extends { id?: string | number }>(items: T[], nameOf: (item: T) => string | undefined): Record<string, string> =>
  Object.fromEntries(items.flatMap((item) => (item.id === undefined ? [] : [[String(item.id), nameOf(item) ?? String(item.id)]])));

const DIRECTORIES = {
  lead_source: async (ctx: Context) => byId(await keapList<Named>(ctx, '/v2/leadSources', 'lead_sources'), (item) => item.name),
  user: async (ctx: Context) => byId(await keapList<KeapUser>(ctx, '/v2/users', 'users', { pageSize: 100 }), userName),
  tag: async (ctx: Context) => byId(await keapList<Named>(ctx, '/v2/tags', 'tags'), (item) => item.name),
};
type Directory = keyof typeof DIRECTORIES;

const namesOf = async (ctx: Context, kind: Directory, ids: string[]): Promise<Array<string | null>> => {
  if (!ids.length) return [];
  const key = `names:${kind}`;
  let directory = await recall<Record<string, string>>(ctx, key);
  if (!directory || ids.some((id) => !(id in directory!))) {
    directory = await DIRECTORIES[kind](ctx);
    await remember(ctx, key, directory);
  }
  return ids.map((id) => directory![id] ?? null);
};

const idText = (value: unknown): string[] => (typeof value === 'string' && value !== '' ? [value] : []);
const tagIdsOf = (contact: ContactRecord): string[] => (Array.isArray(contact.tag_ids) ? contact.tag_ids.map(String) : []);

/** Each directory's names for these IDs, one load per directory whatever the number of contacts. */
const directoryNames = async (ctx: Context, kind: Directory, ids: string[]): Promise<Map<string, string | null>> => {
  const unique = [...new Set(ids)];
  const names = await namesOf(ctx, kind, unique);
  return new Map(unique.map((id, i) => [id, names[i] ?? null]));
};

/** The contacts with `lead_source`, `owner_name` and `tags` (names) beside their IDs. */
export const withNames = async (ctx: Context, contacts: ContactRecord[]): Promise<ContactRecord[]> => {
  const [leadSources, owners, tags] = await Promise.all([
    directoryNames(ctx, 'lead_source', contacts.flatMap((contact) => idText(contact.lead_source_id))),
    directoryNames(ctx, 'user', contacts.flatMap((contact) => idText(contact.owner_id))),
    directoryNames(ctx, 'tag', contacts.flatMap(tagIdsOf)),
  ]);
  return contacts.map((contact) => ({
    ...contact,
    lead_source: leadSources.get(String(contact.lead_source_id)) ?? null,
    owner_name: owners.get(String(contact.owner_id)) ?? null,
    tags: tagIdsOf(contact).map((id) => tags.get(id) ?? id),
  }));
};
