import type { ZObject } from 'zapier-platform-core';
import { cacheRead, cacheWrite, isBlank, isLaterPage, shorten } from '../../src/kit';

describe('the shared kit', () => {
  it.each([
    [undefined, true],
    [null, true],
    ['', true],
    ['  \t', true],
    [[], true],
    ['0', false],
    [0, false],
    [false, false],
    [['a'], false],
  ])('isBlank(%j) is %s', (value, blank) => {
    expect(isBlank(value)).toBe(blank);
  });

  it('shortens long text to the limit, ending with an ellipsis', () => {
    expect(shorten('x'.repeat(100))).toBe(`${'x'.repeat(59)}…`);
    expect(shorten('short')).toBe('short');
    expect(shorten('abcdef', 4)).toBe('abc…');
  });

  it('reads an unreachable cache as a miss and ignores a failed write', async () => {
    const broken = { cache: { get: () => Promise.reject(new Error('down')), set: () => Promise.reject(new Error('down')) } } as unknown as ZObject;
    await expect(cacheRead(broken, 'k')).resolves.toBeUndefined();
    await expect(cacheWrite(broken, 'k', { a: 1 }, 60)).resolves.toBeUndefined();
  });

  it('writes plain JSON: undefined properties are dropped, as z.cache would drop them', async () => {
    const stored: Record<string, unknown> = {};
    const z = { cache: { get: async (key: string) => stored[key] ?? null, set: async (key: string, value: unknown) => ((stored[key] = value), true) } } as unknown as ZObject;
    await cacheWrite(z, 'k', { a: 1, gone: undefined }, 60);
    expect(stored.k).toEqual({ a: 1 });
    expect(Object.keys(stored.k as object)).toEqual(['a']);
    await expect(cacheRead(z, 'missing')).resolves.toBeUndefined();
  });

  it('lists dropdown choices on the first page only', () => {
    expect(isLaterPage({ meta: { page: 0 } } as never)).toBe(false);
    expect(isLaterPage({ meta: {} } as never)).toBe(false);
    expect(isLaterPage({ meta: { page: 1 } } as never)).toBe(true);
  });
});
