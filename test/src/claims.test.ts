import zapier from 'zapier-platform-core';
import { createOnce, exclusive, RETRY_AFTER_SECONDS, type ClaimSubject } from '../../src/claims';
import type { Context } from '../../src/providers/types';
import { ZapierCache } from '../../sandbox/zapier/cache';

/**
 * The claim rules against a z.cache that behaves as Zapier's does (the sandbox's), and against
 * the ways a runner may differ: nx answering null, or no cache at all.
 */
type Cache = { get: jest.Mock; set: jest.Mock; delete: jest.Mock };

const zapierLikeCache = (store = new ZapierCache()): Cache => ({
  get: jest.fn(async (key: string) => {
    const value = store.get(key);
    return value === null ? null : JSON.parse(value);
  }),
  set: jest.fn(async (key: string, value: unknown, ttl?: number, _scope?: unknown, nx?: boolean) =>
    store.set(key, JSON.stringify(value), ttl ?? null, nx ?? null),
  ),
  delete: jest.fn(async (key: string) => store.delete(key)),
});

const contextWith = (cache: Cache) => {
  const logs: string[] = [];
  const ctx = { z: { cache, errors: zapier.errors, console: { log: (line: string) => logs.push(line) } }, bundle: {} } as unknown as Context;
  return { ctx, logs };
};

const person: ClaimSubject = { account: 'keap:ab123', kind: 'contact', ids: ['Ada@Example.com'] };
const created = (id: string) => jest.fn(async () => ({ id, result: `created ${id}` }));

describe('createOnce', () => {
  it('lets the first run create, then tells the next run to search again instead of creating', async () => {
    const { ctx } = contextWith(zapierLikeCache());
    const first = created('7');
    const second = created('8');
    const findAgain = jest.fn(async () => 'found 7');

    expect(await createOnce(ctx, person, {}, { what: 'the contact', create: first, findAgain: async () => 'unused' })).toBe('created 7');
    expect(await createOnce(ctx, { ...person, ids: ['ada@example.com '] }, {}, { what: 'the contact', create: second, findAgain })).toBe('found 7');
    expect(second).not.toHaveBeenCalled();
  });

  it('keeps no email in the cache: keys are hashes', async () => {
    const cache = zapierLikeCache();
    await createOnce(contextWith(cache).ctx, person, {}, { what: 'the contact', create: created('7'), findAgain: async () => '' });

    const keys = cache.set.mock.calls.map(([key]) => String(key));
    expect(keys.every((key) => /^claim:[0-9a-f]{40}$/.test(key))).toBe(true);
  });

  it('asks Zapier to retry, naming what is being written, while another run holds the claim', async () => {
    jest.useFakeTimers();
    try {
      const cache = zapierLikeCache();
      const { ctx } = contextWith(cache);
      let finish = () => {};
      const holding = createOnce<string>(ctx, person, {}, {
        what: 'the contact',
        create: () => new Promise((resolve) => (finish = () => resolve({ id: '7', result: 'created 7' }))),
        findAgain: async () => '',
      });
      await jest.advanceTimersByTimeAsync(0);

      const waiting = createOnce(ctx, person, {}, { what: 'the Keap contact ada@example.com', create: created('8'), findAgain: async () => '' }).catch((error: Error) => error);
      await jest.advanceTimersByTimeAsync(2000);
      const error = (await waiting) as Error;

      expect(error.name).toBe('ThrottledError');
      expect(JSON.parse(error.message)).toMatchObject({
        message:
          'Another run of this zap is writing the Keap contact ada@example.com right now. Zapier will run this step again in 15 seconds, once that run has finished, so nothing is written twice.',
        delay: RETRY_AFTER_SECONDS,
      });
      finish();
      expect(await holding).toBe('created 7');
    } finally {
      jest.useRealTimers();
    }
  });

  it('releases the claim when the create fails, so a retry is not blocked', async () => {
    const { ctx } = contextWith(zapierLikeCache());
    const failing = jest.fn(async () => {
      throw new Error('Keap said no');
    });

    await expect(createOnce(ctx, person, {}, { what: 'the contact', create: failing, findAgain: async () => '' })).rejects.toThrow('Keap said no');
    expect(await createOnce(ctx, person, {}, { what: 'the contact', create: created('9'), findAgain: async () => '' })).toBe('created 9');
  });

  it('replaces a finished claim whose record the search no longer finds (deleted since), in one run only', async () => {
    const { ctx } = contextWith(zapierLikeCache());
    await createOnce(ctx, person, {}, { what: 'the contact', create: created('7'), findAgain: async () => '' });

    // Both runs search again after the finished claim and miss (the contact was deleted in Keap).
    const creates: string[] = [];
    const step = (id: string): Promise<string> => {
      const attemptStep = (attempt: { searchedAfter?: string }): Promise<string> =>
        createOnce(ctx, person, attempt, {
          what: 'the contact',
          create: async () => {
            creates.push(id);
            await new Promise((resolve) => setTimeout(resolve, 5));
            return { id, result: `created ${id}` };
          },
          findAgain: (again) => (creates.length ? Promise.resolve(`found ${creates[0]}`) : attemptStep(again)),
        });
      return attemptStep({});
    };

    const outcomes = await Promise.allSettled([step('8'), step('9')]);

    expect(creates).toHaveLength(1);
    const values = outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : (outcome.reason as Error).name));
    expect(values).toContain(`created ${creates[0]}`);
    expect(values.filter((value) => value !== `created ${creates[0]}`)).toEqual([expect.stringMatching(new RegExp(`^(found ${creates[0]}|ThrottledError)$`))]);
  });

  it('reads the key back when nx answers null, so a runner that answers so neither doubles nor blocks', async () => {
    const cache = zapierLikeCache();
    const answer = cache.set.getMockImplementation()!;
    cache.set.mockImplementation(async (...args: unknown[]) => ((await answer(...args)) ? null : false));
    const { ctx } = contextWith(cache);

    expect(await createOnce(ctx, person, {}, { what: 'the contact', create: created('7'), findAgain: async () => 'unused' })).toBe('created 7');
    const second = created('8');
    expect(await createOnce(ctx, person, {}, { what: 'the contact', create: second, findAgain: async () => 'found 7' })).toBe('found 7');
    expect(second).not.toHaveBeenCalled();
  });

  it('creates without a claim, and says so in the log, when z.cache is unavailable', async () => {
    const broken: Cache = { get: jest.fn().mockRejectedValue(new Error('RPC down')), set: jest.fn().mockRejectedValue(new Error('RPC down')), delete: jest.fn().mockRejectedValue(new Error('RPC down')) };
    const { ctx, logs } = contextWith(broken);

    expect(await createOnce(ctx, person, {}, { what: 'the contact', create: created('7'), findAgain: async () => '' })).toBe('created 7');
    expect(logs).toEqual(['z.cache is unavailable (RPC down); creating the contact without a claim.']);
  });
});

describe('exclusive', () => {
  const chain: ClaimSubject = { account: 'salesforce:00D', kind: 'activity', ids: ['BKNG-2', 'BKNG-1'] };

  it('lets runs of one chain take turns, each after the other has finished', async () => {
    const { ctx } = contextWith(zapierLikeCache());
    const order: string[] = [];
    const work = (name: string) => async () => {
      order.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push(`${name} end`);
      return name;
    };

    expect(await Promise.all([exclusive(ctx, chain, 'the Event', work('a')), exclusive(ctx, { ...chain, ids: ['BKNG-1'] }, 'the Event', work('b'))])).toEqual(['a', 'b']);
    expect(order).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('frees the chain when the work fails', async () => {
    const { ctx } = contextWith(zapierLikeCache());
    await expect(exclusive(ctx, chain, 'the Event', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await exclusive(ctx, chain, 'the Event', async () => 'ran')).toBe('ran');
  });
});
