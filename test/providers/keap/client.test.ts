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
