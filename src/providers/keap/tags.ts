import { exclusive } from '../../claims';
import { lifecycleTagPlan, statusChangedLine } from '../../lifecycle';
import type { ContactRef, TagOutcome, TagResult } from '../../model';
import type { KeapTagPlan } from './form';
import type { Context } from '../types';
import { createNamedOnce, forget, isKeapId, keap, keapAccount, keapList, recall, remember, requireKeapId, sameText } from './client';
import { named } from '../../input';
import { TAGGING } from '../../inputs';
import { invalidInput } from '../../kit';

/**
 * Tags: names resolve case-insensitively against the account's tags (REST v2 list), missing
 * ones are created once (v2), the contact's current tags (v2) tell what is already there, and
 * all new tags go on in ONE v1 call (`POST /v1/contacts/{id}/tags`); v2 can only apply one tag
 * to many contacts. Removals are one v1 call as well.
 *
 * A step that only applies tags the account is known to have takes one call: the ids and names
 * of the last full listing are remembered for a few minutes, and v1 answers per tag whether it
 * was new (SUCCESS) or already there (DUPLICATE). Anything the remembered list cannot answer,
 * or a tag Keap no longer has, goes the full way, so no tag is ever created from stale memory.
 */

type KeapTag = { id?: string | number; name?: string; description?: string; category?: { id?: string | number } };
type TagCategory = { id?: string | number; name?: string };
type AppliedTag = { tag?: KeapTag };

type Resolved = { ref: string; tag?: { id: string; name: string } };

const asTag = (tag: KeapTag) => ({ id: String(tag.id), name: tag.name ?? String(tag.id) });

const KNOWN_TAGS = 'tag-names';

/** Digits are an id first; a tag may also be named with digits ("2026"). */
const findTag = (tags: KeapTag[], ref: string): KeapTag | undefined =>
  (isKeapId(ref) ? tags.find((t) => String(t.id) === ref.trim()) : undefined) ?? tags.find((t) => sameText(t.name, ref));

const resolve = (tags: KeapTag[], ref: string): Resolved => {
  const tag = findTag(tags, ref);
  return { ref, tag: tag ? asTag(tag) : undefined };
};

const categoryId = async (ctx: Context, category: string): Promise<string> => {
  if (isKeapId(category)) return category.trim();
  // v2 documents only an exact `name==` for tag categories (no wildcard) and no case rule, so the
  // list is read whole and compared here, case-insensitively: an existing category is never created twice.
  const find = async () => (await keapList<TagCategory>(ctx, '/v2/tags/categories', 'tag_categories')).find((c) => sameText(c.name, category));
  const found = await find();
  if (found) return String(found.id);
  const created = await createNamedOnce(ctx, { kind: 'tag category', name: category }, find, async () => {
    const { data } = await keap<TagCategory>(ctx, { url: '/v2/tags/categories', method: 'POST', json: { name: category.trim() } });
    return data;
  });
  return String(created.id);
};

/** Creates the tag unless a concurrent run is creating it (claimed by name): then that run's tag is used. */
const createTag = (ctx: Context, body: { name: string }): Promise<KeapTag> =>
  createNamedOnce(
    ctx,
    { kind: 'tag', name: body.name },
    async () => (await keapList<KeapTag>(ctx, '/v2/tags', 'tags')).find((tag) => sameText(tag.name, body.name)),
    async () => (await keap<KeapTag>(ctx, { url: '/v2/tags', method: 'POST', json: body })).data,
  );

/** A booking tag created for a timed status change records the time in its description. */
const createTags = async (ctx: Context, names: string[], plan: KeapTagPlan): Promise<KeapTag[]> => {
  if (names.length === 0) return [];
  const categoryRef = plan.category ? { category: { id: await categoryId(ctx, plan.category) } } : {};
  const created: KeapTag[] = [];
  for (const name of names) {
    const change = plan.statusChange?.bookingTag === name ? { description: statusChangedLine(plan.statusChange.at) } : {};
    created.push(await createTag(ctx, { name: name.trim(), ...change, ...categoryRef }));
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

const postTagIds = async (ctx: Context, contactId: string, tags: Array<{ id: string }>, notFound: string): Promise<Record<string, string>> => {
  if (tags.length === 0) return {};
  const { data } = await keap<unknown>(ctx, {
    url: `/v1/contacts/${contactId}/tags`,
    method: 'POST',
    json: { tagIds: tags.map((t) => Number(t.id)) },
    notFound,
  });
  const results = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  return Object.fromEntries(Object.entries(results).map(([id, status]) => [id, String(status)]));
};

const failuresOf = (tags: Array<{ id: string; name: string }>, results: Record<string, string>) =>
  tags.map((tag) => ({ tag, status: results[tag.id] ?? '' })).filter(({ status }) => APPLY_FAILURES[status]);

const throwApplyFailures = (ctx: Context, contactId: string, failed: ReturnType<typeof failuresOf>, notFound: string): void => {
  if (failed.length === 0) return;
  if (failed.some(({ status }) => status === 'CONTACT_NOT_FOUND')) throw new ctx.z.errors.Error(notFound, 'KeapNotFound', 404);
  throw new ctx.z.errors.Error(
    `Keap did not apply ${failed.map(({ tag, status }) => `"${tag.name}" (${APPLY_FAILURES[status]})`).join(', ')} to contact ${contactId}.`,
    'KeapTagFailed',
    400,
  );
};

const unique = (tags: Array<{ id: string; name: string }>) => tags.filter((tag, i, all) => all.findIndex((other) => other.id === tag.id) === i);

/**
 * The one-call way, when every tag to apply is in the remembered list and nothing is removed.
 * Undefined when Keap no longer has one of the tags: the caller then goes the full way, and
 * `appliedHere` keeps the tags this call did apply, so they still read as applied.
 */
const applyKnownTags = async (
  ctx: Context,
  contactId: string,
  plan: KeapTagPlan,
  notFound: string,
  appliedHere: Set<string>,
): Promise<TagResult | undefined> => {
  if (plan.remove.length || plan.statusChange) return undefined;
  const known = await recall<Array<{ id: string; name: string }>>(ctx, KNOWN_TAGS);
  if (!known) return undefined;
  const resolved = plan.apply.map((ref) => resolve(known, ref));
  if (resolved.some((r) => !r.tag)) return undefined;
  const tags = unique(resolved.map((r) => r.tag!));
  const results = await postTagIds(ctx, contactId, tags, notFound);
  const failed = failuresOf(tags, results);
  if (failed.length && failed.every(({ status }) => status === 'TAG_ID_NOT_FOUND')) {
    await forget(ctx, KNOWN_TAGS);
    for (const tag of tags) if (results[tag.id] === 'SUCCESS') appliedHere.add(tag.id);
    return undefined;
  }
  throwApplyFailures(ctx, contactId, failed, notFound);
  return {
    contact_id: contactId,
    tags: tags.map((tag) => ({ ...tag, status: results[tag.id] === 'DUPLICATE' ? ('already_present' as const) : ('applied' as const) })),
  };
};

/**
 * Lifecycle mode removes the other statuses' tags, so two of one contact's deliveries at once
 * could leave the older status on: those runs take turns (a claim on the contact).
 */
export const applyTags = (ctx: Context, contact: ContactRef, requested: KeapTagPlan): Promise<TagResult> =>
  requested.remove.length || requested.statusChange
    ? exclusive(ctx, { account: keapAccount(ctx), kind: 'contact tags', ids: [contact.id] }, `the tags of Keap contact ${contact.id}`, () =>
        writeTags(ctx, contact, requested),
      )
    : writeTags(ctx, contact, requested);

const writeTags = async (ctx: Context, contact: ContactRef, requested: KeapTagPlan): Promise<TagResult> => {
  const contactId = requireKeapId(ctx, contact.id, named(TAGGING.contact_id));
  const notFound = `No Keap contact has the ID ${contactId} in ${named(TAGGING.contact_id)}. Map the Contact ID from an Upsert Contact step, or leave it empty to find the contact by Email.`;
  const appliedHere = new Set<string>();
  const quick = await applyKnownTags(ctx, contactId, requested, notFound, appliedHere);
  if (quick) return quick;
  // The contact's tags first: a wrong contact ID stops the step before anything else.
  const current = await keapList<AppliedTag>(ctx, `/v2/contacts/${contactId}/tags`, 'tags', { notFound });
  const allTags = await keapList<KeapTag>(ctx, '/v2/tags', 'tags');
  const present = new Set(current.map((a) => String(a.tag?.id)));
  // The account's tag list carries the descriptions, where booking tags record their status time.
  const { plan, action } = lifecycleTagPlan(requested, allTags.filter((tag) => present.has(String(tag.id))));

  const toApply = plan.apply.map((ref) => resolve(allTags, ref));
  const unknownIds = toApply.filter((r) => !r.tag && isKeapId(r.ref)).map((r) => r.ref);
  if (unknownIds.length) {
    throw invalidInput(ctx.z, `No Keap tag has the ID ${unknownIds.join(', ')} in ${named(TAGGING.tags)}. Choose tags from the list or type their names.`);
  }
  const missing = toApply.filter((r) => !r.tag).map((r) => r.ref);
  if (missing.length && !plan.createMissing) {
    throw invalidInput(
      ctx.z,
      `Keap has no tag named ${missing.map((n) => `"${n}"`).join(', ')} in ${named(TAGGING.tags)}. Turn on ${named(TAGGING.create_missing_tags)}, or create the tag in Keap first.`,
    );
  }
  const created = await createTags(ctx, missing, plan);
  await remember(ctx, KNOWN_TAGS, [...allTags, ...created].map(asTag));
  const createdIds = new Set(created.map((t) => String(t.id)));
  const resolvedApply = unique([...toApply.filter((r) => r.tag).map((r) => r.tag!), ...created.map(asTag)]);
  const newTags = resolvedApply.filter((t) => !present.has(t.id));
  const results = await postTagIds(ctx, contactId, newTags, notFound);
  throwApplyFailures(ctx, contactId, failuresOf(newTags, results), notFound);

  const toRemove = plan.remove.map((ref) => resolve(allTags, ref));
  const removable = toRemove.filter((r) => r.tag && present.has(r.tag.id)).map((r) => r.tag!);
  if (removable.length) {
    await keap(ctx, { url: `/v1/contacts/${contactId}/tags`, method: 'DELETE', params: { ids: removable.map((t) => t.id).join(',') } });
  }

  const applyOutcome = (tag: { id: string }): TagOutcome => {
    if (createdIds.has(tag.id)) return 'created';
    if (appliedHere.has(tag.id)) return 'applied';
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
