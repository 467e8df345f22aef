import { foldText } from '../../normalize/country';
import type { Context } from '../types';
import { cached, connectionScoped, exactFilter, keap, sameText } from './client';
import { named } from '../../input';
import { ACTIVITY } from '../../inputs';
import { KEAP_ACTIVITY, KEAP_CONTACT, KEAP_NOTE } from './form';
import { invalidInput, shorten } from '../../kit';

/** The account's own picklists, cached briefly because every step would otherwise re-read them. */

const splitList = (value: unknown): string[] =>
  (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [])
    .map((item) => item.trim())
    .filter(Boolean);

export const contactTypes = (ctx: Context): Promise<string[]> =>
  cached(ctx, 'contact-types', async () => {
    const { data } = await keap<{ option_types?: string[] }>(ctx, { url: '/v2/settings/contactOptionTypes' });
    return splitList(data?.option_types);
  });

type Configuration = { task?: { appointment_types?: string }; note?: { appointment_types?: string } };

/** The account's own list of task or note types, from its configuration. */
const configuredTypes = (ctx: Context, kind: 'task' | 'note'): Promise<string[]> =>
  cached(ctx, `${kind}-types`, async () => {
    const { data } = await keap<Configuration>(ctx, {
      url: '/v2/settings/applications:getConfiguration',
      params: { fields: kind.toUpperCase() },
    });
    return splitList(data?.[kind]?.appointment_types);
  });

export const taskTypes = (ctx: Context): Promise<string[]> => configuredTypes(ctx, 'task');

/** Note types: Appointment, Call, Email, Fax, Letter and Other in Keap Max/Pro, the admin's own list in Classic (CreateNoteRequest). */
export const noteTypes = (ctx: Context): Promise<string[]> => configuredTypes(ctx, 'note');

/** Picks the account's spelling of a value, or fails naming the field and the valid values. */
export const pickFromList = (ctx: Context, list: string[], value: string, field: string): string => {
  if (list.length === 0) return value;
  const found = list.find((item) => sameText(item, value)) ?? list.find((item) => foldText(item) === foldText(value));
  if (found) return found;
  throw invalidInput(
    ctx.z,
    `${field} "${shorten(value)}" is not one of this Keap account's values: ${list.join(', ')}. Choose one from the list, or add it in Keap first.`,
  );
};

export const DEFAULT_CONTACT_TYPE = 'Prospect';
export const DEFAULT_TASK_TYPE = 'Call';

/** The contact type to store: the given one in the account's spelling, else Prospect when it exists. */
export const resolveContactType = async (ctx: Context, value?: string): Promise<string | undefined> => {
  const list = await contactTypes(ctx);
  if (value) return pickFromList(ctx, list, value, named(KEAP_CONTACT.contact_type));
  return list.find((item) => sameText(item, DEFAULT_CONTACT_TYPE));
};

export const resolveTaskType = async (ctx: Context, value?: string): Promise<string | undefined> => {
  const list = await taskTypes(ctx);
  if (value) return pickFromList(ctx, list, value, named(ACTIVITY.activity_type));
  return list.find((item) => sameText(item, DEFAULT_TASK_TYPE)) ?? (list.length ? undefined : DEFAULT_TASK_TYPE);
};

export const DEFAULT_NOTE_TYPE = 'Appointment';

/** The note type to store: the given one in the account's spelling, else Appointment when the account has it. */
export const resolveNoteType = async (ctx: Context, value?: string): Promise<string | undefined> => {
  const list = await noteTypes(ctx);
  if (value) return pickFromList(ctx, list, value, named(KEAP_NOTE.note_type));
  return list.find((item) => sameText(item, DEFAULT_NOTE_TYPE));
};

export const PRIORITIES = [
  { id: 'CRITICAL', name: 'Critical' },
  { id: 'ESSENTIAL', name: 'Essential' },
  { id: 'NONESSENTIAL', name: 'Non-Essential' },
] as const;
export type Priority = (typeof PRIORITIES)[number]['id'];
export const DEFAULT_PRIORITY: Priority = 'NONESSENTIAL';

export const resolvePriority = (ctx: Context, value?: string): Priority => {
  if (!value) return DEFAULT_PRIORITY;
  const key = value.toUpperCase().replace(/[^A-Z]/g, '');
  const found = PRIORITIES.find((p) => p.id === key);
  if (found) return found.id;
  throw invalidInput(ctx.z, `${named(KEAP_ACTIVITY.priority)} must be Critical, Essential or Non-Essential; got "${value}".`);
};

type UserInfo = { email?: string };
type User = { id?: string | number; email_addresses?: Array<{ email?: string }> };

/**
 * Keap v2 tasks must be assigned to a user. userinfo names the connected person by email; the
 * users list gives that person's user ID in this account.
 */
export const connectedUserId = (ctx: Context): Promise<string> =>
  cached(ctx, connectionScoped(ctx, 'connected-user'), async () => {
    const { data: me } = await keap<UserInfo>(ctx, { url: '/v2/oauth/connect/userinfo' });
    const filter = me?.email ? exactFilter('email', me.email) : undefined;
    const { data } = await keap<{ users?: User[] }>(ctx, {
      url: '/v2/users',
      params: { ...(filter ? { filter } : {}), page_size: '100' },
    });
    const users = data?.users ?? [];
    // The email filter already matched server-side; a user record may list the address elsewhere.
    const user = users.find((u) => u.email_addresses?.some((e) => sameText(e.email, me?.email))) ?? (filter && users.length === 1 ? users[0] : undefined);
    if (!user?.id) {
      throw invalidInput(
        ctx.z,
        `Keap needs a user to assign the task to, and the connected user was not found in the account. Choose an ${named(ACTIVITY.owner_id)}.`,
      );
    }
    return String(user.id);
  });
