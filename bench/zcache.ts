import type { Sandbox } from '../sandbox';

/**
 * In production every z.cache get and set is an RPC to Zapier. The runtime sends the app's to
 * the sandbox (`sandbox/zapier/cache.ts`), which counts them, so the report can show those calls
 * too.
 */
export type CacheCounts = { gets: number; sets: number };

export type ZCacheProbe = {
  /** Empties the cache, as an expired cache or a fresh worker would see it. */
  clear(): void;
  /** The gets and sets (deletes counted as sets: both write) since the last call. */
  take(): CacheCounts;
};

export const probeZCache = (sandbox: Sandbox): ZCacheProbe => {
  const { cache } = sandbox.zapier;
  cache.takeCounts();
  return {
    clear: () => cache.clear(),
    take: () => {
      const { gets, sets, deletes } = cache.takeCounts();
      return { gets, sets: sets + deletes };
    },
  };
};
