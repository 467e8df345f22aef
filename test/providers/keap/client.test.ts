import { exactFilter, isKeapId, prefixFilter, sameText } from '../../../src/providers/keap/client';

describe('Keap filter values', () => {
  it('asks for the prefix before any filter grammar character', () => {
    expect(prefixFilter('name', 'Sales Page > Intro Call > Ada')).toBe('name==Sales Page*');
    expect(prefixFilter('name', 'Partners;status==INACTIVE')).toBe('name==Partners*');
    expect(prefixFilter('name', 'VIP, Gold')).toBe('name==VIP*');
    expect(prefixFilter('name', 'Promo*')).toBe('name==Promo*');
    expect(prefixFilter('name', '(internal) list')).toBeUndefined();
    expect(prefixFilter('name', '=x')).toBeUndefined();
  });

  it('keeps exact values exact and falls back to a prefix when they hold grammar', () => {
    expect(exactFilter('email', 'ada@example.com')).toBe('email==ada@example.com');
    expect(exactFilter('email', 'odd*one@example.com')).toBe('email==odd*');
  });

  it('recognises Keap ids and compares names loosely', () => {
    expect(isKeapId('123')).toBe(true);
    expect(isKeapId(' 123 ')).toBe(true);
    expect(isKeapId('12a')).toBe(false);
    expect(isKeapId('')).toBe(false);
    expect(sameText(' Scheduled ', 'scheduled')).toBe(true);
  });
});

describe('telling a created Keap contact from an updated one', () => {
  const now = Date.parse('2026-11-23T10:00:30.000Z');
  const { wasCreated } = jest.requireActual('../../../src/providers/keap/contacts') as typeof import('../../../src/providers/keap/contacts');

  it('trusts 201 as created', () => {
    expect(wasCreated(201, {}, now)).toBe(true);
  });

  it.each([
    ['identical stamps from moments ago', '2026-11-23T10:00:29.500Z', '2026-11-23T10:00:29.500Z', true],
    ['an update a few milliseconds after creation', '2026-11-23T10:00:29.500Z', '2026-11-23T10:00:29.712Z', false],
    ['an old contact whose stamps are identical', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', false],
  ])('reads a 200 with %s', (_case, create_time, update_time, created) => {
    expect(wasCreated(200, { create_time, update_time }, now)).toBe(created);
  });
});
