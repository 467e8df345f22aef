import type { ContactRef } from './model';
import type { Context, CrmProvider } from './providers/types';
import { named } from './input';
import { TAGGING } from './inputs';

/** The contact a tag or activity step acts on: the given ID, or the newest match for the email. */
export const resolveContact = async (
  ctx: Context,
  provider: CrmProvider,
  ref: { contact_id?: string; email?: string },
): Promise<ContactRef> => {
  if (ref.contact_id) return { id: ref.contact_id, email: ref.email };
  const email = ref.email!;
  const [match] = await provider.findContacts(ctx, { email });
  if (!match) {
    throw new ctx.z.errors.Error(
      `No ${provider.label} contact has the email ${email} in ${named(TAGGING.email)}. Add an Upsert Contact step before this one, or map a ${named(TAGGING.contact_id)}.`,
      'ContactNotFound',
      404,
    );
  }
  return { id: match.id, object_type: match.object_type, email: match.email };
};
