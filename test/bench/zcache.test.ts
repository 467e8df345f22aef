import { createAppTester, type ZObject } from 'zapier-platform-core';
import App from '../../index';
import { probeZCache } from '../../bench/zcache';

/** The probe leans on how zapier-platform-core's app tester keeps z.cache; an upgrade that changes it must fail here. */
describe('probeZCache', () => {
  const appTester = createAppTester(App);
  const cache = probeZCache(appTester);
  const run = (perform: (z: ZObject) => Promise<unknown>) => appTester(perform as never, { meta: {} } as never) as Promise<unknown>;

  it('counts every z.cache get and set of the app, across invocations of the same tester', async () => {
    cache.take();
    expect(await run(async (z) => [await z.cache.get('bench:key'), await z.cache.set('bench:key', { a: 1 }, 60)])).toEqual([null, true]);
    expect(await run(async (z) => z.cache.get('bench:key'))).toEqual({ a: 1 });
    expect(cache.take()).toEqual({ gets: 2, sets: 1 });
    expect(cache.take()).toEqual({ gets: 0, sets: 0 });
  });

  it('empties the cache on clear, still counting', async () => {
    await run(async (z) => z.cache.set('bench:other', 'x'));
    cache.clear();
    cache.take();
    expect(await run(async (z) => z.cache.get('bench:other'))).toBeNull();
    expect(cache.take()).toEqual({ gets: 1, sets: 0 });
  });
});
