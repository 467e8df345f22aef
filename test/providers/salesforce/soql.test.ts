import fc from 'fast-check';
import { apiName, escapeSoqlString, isApiName, selectList, soqlList, soqlLiteral } from '../../../src/providers/salesforce/soql';

/**
 * Reads one SOQL string literal the way Salesforce's lexer does (SOQL guide, "Quoted String
 * Escape Sequences"): returns the decoded value and where the literal ended, or throws on a
 * backslash sequence Salesforce rejects.
 */
const ESCAPED: Record<string, string> = { n: '\n', N: '\n', r: '\r', R: '\r', t: '\t', T: '\t', b: '\b', B: '\b', f: '\f', F: '\f', '"': '"', "'": "'", '\\': '\\' };
const readLiteral = (text: string): { value: string; end: number } => {
  if (text[0] !== "'") throw new Error('literal must start with a quote');
  let value = '';
  for (let i = 1; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\') {
      const next = text[++i];
      if (next === undefined || !(next in ESCAPED)) throw new Error(`invalid escape \\${next}`);
      value += ESCAPED[next];
    } else if (char === "'") {
      return { value, end: i };
    } else {
      value += char;
    }
  }
  throw new Error('unterminated literal');
};

describe('SOQL escaping', () => {
  it.each([
    ["o'brien@example.com", "'o\\'brien@example.com'"],
    ['back\\slash@example.com', "'back\\\\slash@example.com'"],
    ["trailing\\", "'trailing\\\\'"],
    ["\\'; DELETE", "'\\\\\\'; DELETE'"],
    ['say "hi"', "'say \\\"hi\\\"'"],
    ['line\nbreak\rtab\tbell\bfeed\f', "'line\\nbreak\\rtab\\tbell\\bfeed\\f'"],
    ['100%_match@example.com', "'100%_match@example.com'"],
    ['ünïcødé@exämple.com', "'ünïcødé@exämple.com'"],
  ])('quotes %j as %s', (value, literal) => {
    expect(soqlLiteral(value)).toBe(literal);
    expect(readLiteral(literal)).toEqual({ value, end: literal.length - 1 });
  });

  it('escapes the backslash before anything else, so added escapes are not doubled', () => {
    expect(escapeSoqlString("\\'")).toBe("\\\\\\'");
  });

  it('no generated string breaks out of its literal, and every one reads back unchanged', () => {
    const hostile = fc.string({ unit: fc.constantFrom("'", '"', '\\', '\n', '\r', '\t', '\b', '\f', '%', '_', 'a', ' ', 'é', '😀', ')', 'OR') });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), hostile, fc.string({ unit: 'binary' })), (value) => {
        const literal = soqlLiteral(value);
        const query = `SELECT Id FROM Contact WHERE Email = ${literal} LIMIT 1`;
        const start = query.indexOf("'");
        const read = readLiteral(query.slice(start));
        expect(read.value).toBe(value);
        expect(query.slice(start + read.end + 1)).toBe(' LIMIT 1');
      }),
      { numRuns: 2000 },
    );
  });

  it('lists values as an IN list of escaped literals', () => {
    expect(soqlList(["a'b", 'c'])).toBe("('a\\'b', 'c')");
  });
});

describe('API names', () => {
  it.each(['Email', 'OnceHub_Booking_ID__c', 'ns__Field__pc', 'A1'])('accepts %s', (name) => {
    expect(isApiName(name)).toBe(true);
    expect(apiName(name)).toBe(name);
  });

  it.each(['', '1Field', 'Email, Id', 'Name FROM User--', "Email'", 'Foo.Bar', 'Ünï', '_x'])('rejects %j', (name) => {
    expect(isApiName(name)).toBe(false);
    expect(() => apiName(name)).toThrow('Not a Salesforce API name');
  });

  it('builds select lists from API names only, without repeats', () => {
    expect(selectList(['Id', 'Email', 'Id'])).toBe('Id, Email');
    expect(() => selectList(['Id', 'Email FROM User'])).toThrow();
  });
});
