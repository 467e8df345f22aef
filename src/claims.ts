import { createHash, randomUUID } from 'node:crypto';
import type { Context } from './providers/types';

/**
 * Zapier runs a zap's runs in parallel, so two runs can both search a CRM, both miss, and both
 * create. Steps claim what they write in z.cache with `nx` (set only if absent, atomic across
 * Zapier's workers):
 * - `createOnce`, before creating a record that must exist once (a person, a tag): the run
 *   holding the claim creates; a run that finds it held searches again (the holder finished:
 *   its record is now there to find) or asks Zapier to retry shortly (the holder is writing).
 * - `exclusive`, around a find and the write that depends on it (a booking chain's activity):
 *   runs for the same record take turns.
 * Why this is sound: docs/decisions.md.
 */

/** Longer than a step runs; short enough that a run that died mid-write blocks nobody for long. */
export const CLAIM_TTL_SECONDS = 90;
/** A finished claim only bridges the moment until the CRM's own search finds the new record. */
export const FINISHED_TTL_SECONDS = 10 * 60;
/** When Zapier should run again a step that found the same record being created by another run. */
export const RETRY_AFTER_SECONDS = 15;

type Holder = { run: string; state: 'writing' } | { run: string; state: 'done'; id: string };

/** What a claim is for: the account it is in, the kind of record, and what identifies it (an email, a booking ID, a tag name). */
export type ClaimSubject = { account: string; kind: string; ids: string[] };

/** What is claimed is hashed: keys stay short and keep no email or name in the cache. */
const keysOf = ({ account, kind, ids }: ClaimSubject): string[] =>
  [...new Set(ids.map((id) => id.trim().toLowerCase()).filter(Boolean))]
    .sort()
    .map((id) => `claim:${createHash('sha256').update(`${account}\n${kind}\n${id}`).digest('hex').slice(0, 40)}`);

class CacheUnavailable extends Error {}

const cacheCall = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    throw new CacheUnavailable(error instanceof Error ? error.message : String(error));
  }
};

/**
 * z.cache.set with nx answers true when it stored the value (its types allow false or null
 * otherwise). Anything but true is checked by reading the key back, so a runner that answers
 * differently can neither make two runs winners nor make every run a loser.
 */
const take = async (ctx: Context, key: string, holder: Holder): Promise<boolean> => {
  const answer = await cacheCall(() => ctx.z.cache.set(key, holder, CLAIM_TTL_SECONDS, undefined, true));
  if (answer === true) return true;
  const current = (await cacheCall(() => ctx.z.cache.get(key))) as Holder | null;
  return current?.run === holder.run;
};

const release = (ctx: Context, keys: string[]): Promise<unknown> => Promise.all(keys.map((key) => ctx.z.cache.delete(key).catch(() => false)));

export type CreateOnceSteps<T> = {
  /** Writes the record; its id is remembered under the claim for runs that lost it. */
  create: () => Promise<{ id: string; result: T }>;
  /**
   * Runs the step's own find-then-write again, passing on `{ searchedAfter }`: the run whose
   * finished claim says the record exists, so the search should now find it.
   */
  findAgain: (attempt: ClaimAttempt) => Promise<T>;
  /** The words for the retry message: "the contact ada@example.com", "the activity for booking BKNG-1". */
  what: string;
};

/** Set for `findAgain`: the finished run after whose claim the step searched again. */
export type ClaimAttempt = { searchedAfter?: string };

const retryLater = (ctx: Context, what: string) =>
  new ctx.z.errors.ThrottledError(
    `Another run of this zap is writing ${what} right now. Zapier will run this step again in ${RETRY_AFTER_SECONDS} seconds, ` +
      'once that run has finished, so nothing is written twice.',
    RETRY_AFTER_SECONDS,
  );

/** How long a run waits for another run's hold on the same record before asking Zapier to retry. */
const HOLD_WAIT_MS = 1500;
const HOLD_POLL_MS = 150;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes the key, or says who holds it. A holder that expired between the two calls is taken over. */
const claimKey = async (ctx: Context, key: string, mine: Holder): Promise<Holder | 'held'> => {
  if (await take(ctx, key, mine)) return 'held';
  const holder = (await cacheCall(() => ctx.z.cache.get(key))) as Holder | null;
  if (holder) return holder;
  return (await take(ctx, key, mine)) ? 'held' : { run: '', state: 'writing' };
};

/**
 * Creates the record only if this run holds the claim on every key of `subject`.
 * - A key held by a finished run: the record exists, so the step runs its search again
 *   (`findAgain`) and updates it. Should that search still miss, the record has gone from the
 *   CRM since (deleted, merged), and the finished claim no longer stands for anything: exactly
 *   one run (the one that claims its successor key) replaces it.
 * - A key held by a run still writing: Zapier retries this step shortly (ThrottledError).
 * - Without z.cache (a runner that has none, or Zapier's cache failing) the step creates as it
 *   did before claims: it has already searched, so only a truly simultaneous run could double it.
 */
export const createOnce = async <T>(ctx: Context, subject: ClaimSubject, attempt: ClaimAttempt, steps: CreateOnceSteps<T>): Promise<T> => {
  const mine: Holder = { run: randomUUID(), state: 'writing' };
  const held: string[] = [];
  try {
    for (const key of keysOf(subject)) {
      let holder = await claimKey(ctx, key, mine);
      for (const deadline = Date.now() + HOLD_WAIT_MS; holder !== 'held' && holder.state === 'writing' && Date.now() + HOLD_POLL_MS <= deadline; ) {
        await pause(HOLD_POLL_MS);
        holder = await claimKey(ctx, key, mine);
      }
      // The search ran after this very claim finished and still missed: its record is gone.
      if (holder !== 'held' && holder.state === 'done' && holder.run === attempt.searchedAfter) {
        // Many runs may find the same stale claim: only the one that claims its successor key replaces it.
        const successor = `${key}:after:${holder.run}`;
        if (await take(ctx, successor, mine)) {
          await cacheCall(() => ctx.z.cache.set(key, mine, CLAIM_TTL_SECONDS));
          held.push(successor);
          holder = 'held';
        } else {
          holder = { run: '', state: 'writing' };
        }
      }
      if (holder === 'held') {
        held.push(key);
        continue;
      }
      await release(ctx, held);
      if (holder.state === 'done') return await steps.findAgain({ searchedAfter: holder.run });
      throw retryLater(ctx, steps.what);
    }
  } catch (error) {
    if (!(error instanceof CacheUnavailable)) throw error;
    await release(ctx, held);
    ctx.z.console.log(`z.cache is unavailable (${error.message}); creating ${steps.what} without a claim.`);
    return (await steps.create()).result;
  }
  let created: { id: string; result: T };
  try {
    created = await steps.create();
  } catch (error) {
    await release(ctx, held);
    throw error;
  }
  const done: Holder = { run: mine.run, state: 'done', id: created.id };
  await Promise.all(held.map((key) => ctx.z.cache.set(key, done, FINISHED_TTL_SECONDS).catch(() => false)));
  return created.result;
};

/** Takes the key, waiting a little for a run that holds it to finish; false when it still holds it. */
const holdKey = async (ctx: Context, key: string, mine: Holder): Promise<boolean> => {
  const deadline = Date.now() + HOLD_WAIT_MS;
  for (;;) {
    if ((await claimKey(ctx, key, mine)) === 'held') return true;
    if (Date.now() + HOLD_POLL_MS > deadline) return false;
    await pause(HOLD_POLL_MS);
  }
};

/**
 * Runs `work` (a find and the write that depends on it) while holding every key of `subject`, so
 * runs for the same record take turns: each reads what the one before it wrote. Used where the
 * order of writes matters, such as a booking's lifecycle events arriving together. A run that
 * cannot get the keys within a moment is retried by Zapier; without z.cache, `work` runs unheld.
 */
export const exclusive = async <T>(ctx: Context, subject: ClaimSubject, what: string, work: () => Promise<T>): Promise<T> => {
  const mine: Holder = { run: randomUUID(), state: 'writing' };
  const held: string[] = [];
  try {
    for (const key of keysOf(subject)) {
      if (!(await holdKey(ctx, key, mine))) {
        await release(ctx, held);
        throw retryLater(ctx, what);
      }
      held.push(key);
    }
  } catch (error) {
    if (!(error instanceof CacheUnavailable)) throw error;
    await release(ctx, held);
    ctx.z.console.log(`z.cache is unavailable (${error.message}); writing ${what} without a claim.`);
    return work();
  }
  try {
    return await work();
  } finally {
    await release(ctx, held);
  }
};
