/**
 * zapier-platform-core 19's createAppTester answers z.cache from a plain object kept on the
 * tester (`appTester.zcacheTestObj`, read by `rpcCacheMock` in src/tools/create-rpc-client.js):
 * in process, shared by every invocation of that tester, TTL and scope ignored, values stored
 * as JSON as in production. In production every z.cache get and set is an RPC to Zapier
 * instead. This puts an object there that counts them, so the report can show those calls too.
 */
export type CacheCounts = { gets: number; sets: number };

export type ZCacheProbe = {
  /** Empties the cache, as an expired cache or a fresh worker would see it. */
  clear(): void;
  /** The gets and sets since the last call. */
  take(): CacheCounts;
};

export const probeZCache = (appTester: object): ZCacheProbe => {
  const tester = appTester as { zcacheTestObj?: object };
  let counts: CacheCounts = { gets: 0, sets: 0 };
  const clear = () => {
    // The mock answers a get with `key in cache` and a set with an assignment; symbol keys are
    // lodash probing the object's type, not the app.
    tester.zcacheTestObj = new Proxy<Record<string, unknown>>(
      {},
      {
        has: (target, key) => {
          if (typeof key === 'string') counts.gets += 1;
          return Reflect.has(target, key);
        },
        set: (target, key, value) => {
          if (typeof key === 'string') counts.sets += 1;
          return Reflect.set(target, key, value);
        },
      },
    );
  };
  if (!('zcacheTestObj' in tester)) throw new Error('This zapier-platform-core keeps no z.cache on the app tester; the bench needs updating.');
  clear();
  return {
    clear,
    take: () => {
      const taken = counts;
      counts = { gets: 0, sets: 0 };
      return taken;
    },
  };
};
