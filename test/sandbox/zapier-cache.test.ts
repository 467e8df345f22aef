import type { ZObject } from 'zapier-platform-core';
import type { Sandbox } from '../../sandbox';
import { ZapierCache } from '../../sandbox/zapier/cache';
import { pointAppAt } from '../../sandbox/zapier/env';
import { createRuntime, type AppTester } from '../../sandbox/zapier/runtime';
import { probeZCache } from '../../bench/zcache';
import { startCheckedSandbox } from '../helpers/checked-sandbox';

/** The app's z.cache reaches the sandbox over zapier-platform-core's own RPC, with nx and TTLs honoured. */
describe("the sandbox's Zapier cache", () => {
  let sandbox: Sandbox;
  let appTester: AppTester;
  let restore = () => {};
  const run = <T>(perform: (z: ZObject) => Promise<T>) => appTester(perform as never, { meta: {} }) as Promise<T>;

  beforeAll(async () => {
    sandbox = await startCheckedSandbox();
    restore = pointAppAt(sandbox);
    appTester = createRuntime(sandbox);
  });
  afterAll(async () => {
    restore();
    await sandbox.close();
  });
  beforeEach(() => sandbox.zapier.cache.clear());

  it('stores JSON values across runs, and counts every operation for the bench', async () => {
    const probe = probeZCache(sandbox);
    expect(await run(async (z) => [await z.cache.get('k'), await z.cache.set('k', { a: 1 }, 60)])).toEqual([null, true]);
    expect(await run(async (z) => z.cache.get('k'))).toEqual({ a: 1 });
    expect(probe.take()).toEqual({ gets: 2, sets: 1 });
    expect(await run(async (z) => z.cache.delete('k'))).toBe(true);
    expect(probe.take()).toEqual({ gets: 0, sets: 1 });
  });

  it('sets with nx only when the key is absent, so exactly one of many concurrent runs wins', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => run(async (z) => z.cache.set('claim', { run: i }, 60, undefined, true))));

    expect(results.filter((won) => won === true)).toHaveLength(1);
    expect(results.filter((won) => won === false)).toHaveLength(19);
    expect(await run(async (z) => z.cache.get('claim'))).toEqual({ run: results.indexOf(true) });
  });

  it('lets a key expire after its TTL', () => {
    let now = 0;
    const cache = new ZapierCache(() => now);
    cache.set('claim', '"a"', 90, true);
    now = 89_999;
    expect(cache.set('claim', '"b"', 90, true)).toBe(false);
    now = 90_000;
    expect(cache.get('claim')).toBeNull();
    expect(cache.set('claim', '"b"', 90, true)).toBe(true);
  });
});
