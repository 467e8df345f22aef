import { lifecycleTagPlan, statusChangedLine } from '../../lifecycle';
import type { ContactRef, TagOutcome, TagPlan, TagResult } from '../../model';
import type { Context } from '../types';
import { invalidInput, isKeapId, keap, keapList, prefixFilter, requireKeapId, sameText } from './client';

/**
 * Tags: names resolve case-insensitively against the account's tags (REST v2 list), missing
 * ones are created once (v2), the contact's current tags (v2) tell what is already there, and
 * all new tags go on in ONE v1 call (`POST /v1/contacts/{id}/tags`); v2 can only apply one tag
 * to many contacts. Removals are one v1 call as well.
 */

type KeapTag = { id?: string | number; name?: string; description?: string; category?: { id?: string | number } };
type TagCategory = { id?: string | number; name?: string };
type AppliedTag = { tag?: KeapTag };

type Resolved = { ref: string; tag?: { id: string; name: string } };

const asTag = (tag: KeapTag) => ({ id: String(tag.id), name: tag.name ?? String(tag.id) });

/** Digits are an id first; a tag may also be named with digits ("2026"). */
const findTag = (tags: KeapTag[], ref: string): KeapTag | undefined =>
  (isKeapId(ref) ? tags.find((t) => String(t.id) === ref.trim()) : undefined) ?? tags.find((t) => sameText(t.name, ref));

const resolve = (tags: KeapTag[], ref: string): Resolved => {
  const tag = findTag(tags, ref);
  return { ref, tag: tag ? asTag(tag) : undefined };
};

const categoryId = async (ctx: Context, category: string): Promise<string> => {
  if (isKeapId(category)) return category.trim();
  const filter = prefixFilter('name', category);
  const categories = await keapList<TagCategory>(ctx, '/v2/tags/categories', 'tag_categories', { params: filter ? { filter } : {} });
  const found = categories.find((c) => sameText(c.name, category));
  if (found) return String(found.id);
  const { data } = await keap<TagCategory>(ctx, { url: '/v2/tags/categories', method: 'POST', json: { name: category.trim() } });
  return String(data.id);
};

/** A booking tag created for a timed status change records the time in its description. */
const createTags = async (ctx: Context, names: string[], plan: TagPlan): Promise<KeapTag[]> => {
  const categoryRef = plan.category ? { category: { id: await categoryId(ctx, plan.category) } } : {};
  const created: KeapTag[] = [];
  for (const name of names) {
    const change = plan.statusChange?.bookingTag === name ? { description: statusChangedLine(plan.statusChange.at) } : {};
    const { data } = await keap<KeapTag>(ctx, { url: '/v2/tags', method: 'POST', json: { name: name.trim(), ...change, ...categoryRef } });
    created.push(data);
  }
  return created;
};

/** v1 answers `{"<tagId>": "SUCCESS" | "DUPLICATE" | ...}`; anything else counts as applied. */
const APPLY_FAILURES: Record<string, string> = {
  CONTACT_NOT_FOUND: 'the contact was not found',
  TAG_ID_NOT_FOUND: 'the tag was not found',
  NO_PERMISSION: 'the connected user lacks permission to tag contacts',
  FAILURE: 'Keap reported a failure',
};

const applyTagIds = async (ctx: Context, contactId: string, tags: Array<{ id: string; name: string }>): Promise<Record<string, string>> => {
  if (tags.length === 0) return {};
  const { data } = await keap<unknown>(ctx, {
    url: `/v1/contacts/${contactId}/tags`,
    method: 'POST',
    json: { tagIds: tags.map((t) => Number(t.id)) },
  });
  const results = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const failed = tags
    .map((tag) => ({ tag, status: String(results[tag.id] ?? '') }))
    .filter(({ status }) => APPLY_FAILURES[status]);
  if (failed.length) {
    throw new ctx.z.errors.Error(
      `Keap did not apply ${failed.map(({ tag, status }) => `"${tag.name}" (${APPLY_FAILURES[status]})`).join(', ')} to contact ${contactId}.`,
      'KeapTagFailed',
      400,
    );
  }
  return Object.fromEntries(Object.entries(results).map(([id, status]) => [id, String(status)]));
};

export const applyTags = async (ctx: Context, contact: ContactRef, requested: TagPlan): Promise<TagResult> => {
  const contactId = requireKeapId(ctx, contact.id, 'Contact ID (contact_id)');
  const notFound = `No Keap contact has ID ${contactId} (contact_id). Map the Contact ID from an Upsert Contact step, or leave it empty to find the contact by Email.`;
  // The contact's tags first: a wrong contact ID stops the step before anything else.
  const current = await keapList<AppliedTag>(ctx, `/v2/contacts/${contactId}/tags`, 'tags', { notFound });
  const allTags = await keapList<KeapTag>(ctx, '/v2/tags', 'tags');
  const present = new Set(current.map((a) => String(a.tag?.id)));
  // The account's tag list carries the descriptions, where booking tags record their status time.
  const { plan, action } = lifecycleTagPlan(requested, allTags.filter((tag) => present.has(String(tag.id))));

  const toApply = plan.apply.map((ref) => resolve(allTags, ref));
  const unknownIds = toApply.filter((r) => !r.tag && isKeapId(r.ref)).map((r) => r.ref);
  if (unknownIds.length) {
    throw invalidInput(ctx, `No Keap tag has ID ${unknownIds.join(', ')} (tags). Choose tags from the list or type their names.`);
  }
  const missing = toApply.filter((r) => !r.tag).map((r) => r.ref);
  if (missing.length && !plan.createMissing) {
    throw invalidInput(
      ctx,
      `Keap has no tag named ${missing.map((n) => `"${n}"`).join(', ')} (tags). Turn on Create Missing Tags (create_missing_tags), or create the tag in Keap first.`,
    );
  }
  const created = await createTags(ctx, missing, plan);
  const createdIds = new Set(created.map((t) => String(t.id)));
  const resolvedApply = [...toApply.filter((r) => r.tag).map((r) => r.tag!), ...created.map(asTag)].filter(
    (tag, i, all) => all.findIndex((other) => other.id === tag.id) === i,
  );
  const results = await applyTagIds(ctx, contactId, resolvedApply.filter((t) => !present.has(t.id)));

  const toRemove = plan.remove.map((ref) => resolve(allTags, ref));
  const removable = toRemove.filter((r) => r.tag && present.has(r.tag.id)).map((r) => r.tag!);
  if (removable.length) {
    await keap(ctx, { url: `/v1/contacts/${contactId}/tags`, method: 'DELETE', params: { ids: removable.map((t) => t.id).join(',') } });
  }

  const applyOutcome = (tag: { id: string }): TagOutcome => {
    if (createdIds.has(tag.id)) return 'created';
    if (present.has(tag.id) || results[tag.id] === 'DUPLICATE') return 'already_present';
    return 'applied';
  };
  return {
    contact_id: contactId,
    ...(action ? { action } : {}),
    tags: [
      ...resolvedApply.map((tag) => ({ ...tag, status: applyOutcome(tag) })),
      ...toRemove.map((r) =>
        r.tag && present.has(r.tag.id)
          ? { ...r.tag, status: 'removed' as const }
          : { id: r.tag?.id ?? '', name: r.tag?.name ?? r.ref, status: 'not_present' as const },
      ),
    ],
  };
};
