import fc from 'fast-check';
import { escapeSoqlString, soqlList, soqlLiteral } from '../../src/providers/salesforce/soql';
import { readLiteral, scanSoql } from '../contract/soql';
import { FUZZ, nastyString } from './support';

/** Everything a user can put in a value: any UTF-16 (lone surrogates too) and the characters SOQL treats specially. */
const value = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'binary-ascii', maxLength: 60 }), nastyString());

describe('fuzzed SOQL escaping, read back by an independent reader', () => {
  it('every value becomes one literal that reads back as the value and ends where the literal ends', () =>
    fc.assert(
      fc.property(value, (text) => {
        const literal = soqlLiteral(text);
        expect(readLiteral(literal, 0)).toEqual({ value: text, end: literal.length });
      }),
      FUZZ,
    ));

  it('no value changes the query around it', () =>
    fc.assert(
      fc.property(value, value, (email, name) => {
        const query = `SELECT Id FROM Contact WHERE Email = ${soqlLiteral(email)} AND Name IN ${soqlList([name, email])} LIMIT 2`;
        expect(scanSoql(query)).toEqual({
          skeleton: 'SELECT Id FROM Contact WHERE Email = ? AND Name IN (?, ?) LIMIT 2',
          literals: [email, name, email],
        });
      }),
      FUZZ,
    ));

  it('escapes only what SOQL requires: % and _ stay literal outside LIKE', () =>
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('%', '_', 'a', '1'), maxLength: 20 }), (text) => {
        expect(escapeSoqlString(text)).toBe(text);
      }),
      FUZZ,
    ));
});
