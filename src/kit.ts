import type { Bundle, ZObject } from 'zapier-platform-core';

/**
 * The small pieces every CRM folder and every step share, so each is written once: the error a
 * refused input becomes, blank checks, text shortening, the cache, and dropdown paging.
 */

/** The error every refused input becomes: a sentence that names the field and what to do. */
export const invalidInput = (z: ZObject, message: string) => new z.errors.Error(message, 'InvalidInput', 400);

/** Zapier sends an empty optional field as "", null or nothing, and an empty list as []: all blank. */
export const isBlank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

/** Text echoed in a message, cut short so a pasted document cannot flood it. */
export const shorten = (text: string, max = 60): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A cache miss and a cache that cannot be reached (some local runners) read the same: nothing remembered. */
export const cacheRead = async <T>(z: ZObject, key: string): Promise<T | undefined> => {
  try {
    const hit = await z.cache.get(key);
    return hit === undefined || hit === null ? undefined : (hit as T);
  } catch {
    return undefined;
  }
};

/** z.cache takes plain JSON only (undefined properties are dropped); caching is an optimisation, so a failure is ignored. */
export const cacheWrite = async (z: ZObject, key: string, value: unknown, ttlSeconds: number): Promise<void> => {
  try {
    await z.cache.set(key, JSON.parse(JSON.stringify(value)), ttlSeconds);
  } catch {
    // the next step reads the value again
  }
};

/** What is remembered under `key`, else what `load` gives, remembered for `ttlSeconds` (a null or undefined value is never a hit: wrap it). */
export const cachedValue = async <T>(z: ZObject, key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> => {
  const hit = await cacheRead<T>(z, key);
  if (hit !== undefined) return hit;
  const value = await load();
  await cacheWrite(z, key, value, ttlSeconds);
  return value;
};

export const cacheForget = async (z: ZObject, key: string): Promise<void> => {
  await z.cache.delete(key).catch(() => undefined);
};

/** Dropdowns list the account's choices on their first page; Zapier asks for more pages only when a page was full. */
export const isLaterPage = (bundle: Bundle): boolean => Number(bundle.meta?.page ?? 0) > 0;
