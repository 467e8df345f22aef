/**
 * Zapier's z.cache as its RPC answers it (`zcache_get`, `zcache_set`, `zcache_delete`): JSON
 * strings under string keys, an optional TTL in seconds, and `nx` (set only when the key is
 * absent), which is atomic across every run of the account. zapier-platform-core's own test mock
 * ignores TTL and nx, so the sandbox answers the app's RPC instead and concurrency can be tested.
 * Scope (`user`, `auth`) is not modelled: the sandbox is one Zapier account.
 */

type Entry = { value: string; expiresAt?: number };

export type CacheCounts = { gets: number; sets: number; deletes: number };

export class ZapierCache {
  private readonly entries = new Map<string, Entry>();
  private counts: CacheCounts = { gets: 0, sets: 0, deletes: 0 };

  constructor(private readonly now: () => number = Date.now) {}

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  get(key: string): string | null {
    this.counts.gets += 1;
    return this.live(key)?.value ?? null;
  }

  /** True when stored; false when `nx` found the key already there. */
  set(key: string, value: string, ttl: number | null, nx: boolean | null): boolean {
    this.counts.sets += 1;
    if (nx && this.live(key)) return false;
    this.entries.set(key, { value, ...(ttl ? { expiresAt: this.now() + ttl * 1000 } : {}) });
    return true;
  }

  delete(key: string): boolean {
    this.counts.deletes += 1;
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  /** The operations since the last call: what a step cost in cache round trips. */
  takeCounts(): CacheCounts {
    const taken = this.counts;
    this.counts = { gets: 0, sets: 0, deletes: 0 };
    return taken;
  }

  /** The RPC envelope zapier-platform-core sends (`{id, method, params}`) answered as Zapier does (`{id, result}`). */
  answer(request: { id?: string; method?: string; params?: unknown[] }): { id?: string; result?: unknown; error?: string } {
    const [key, value, ttl, , nx] = request.params ?? [];
    if (typeof key !== 'string') return { id: request.id, error: 'key must be a string' };
    switch (request.method) {
      case 'zcache_get':
        return { id: request.id, result: this.get(key) };
      case 'zcache_set':
        return { id: request.id, result: this.set(key, String(value), typeof ttl === 'number' ? ttl : null, nx === true) };
      case 'zcache_delete':
        return { id: request.id, result: this.delete(key) };
      default:
        return { id: request.id, error: `The sandbox does not answer the RPC method ${String(request.method)}` };
    }
  }
}
