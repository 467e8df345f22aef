import fc from 'fast-check';
import { splitName, withSplitName } from '../../src/names';
import { FUZZ, nastyString } from './support';

const word = fc.stringMatching(/^[^\s,]{1,12}$/);

describe('fuzzed name splitting', () => {
  it('never throws and returns trimmed parts without runs of whitespace', () =>
    fc.assert(
      fc.property(fc.option(nastyString(), { nil: undefined }), (name) => {
        const { first_name, last_name } = splitName(name);
        for (const part of [first_name, last_name]) {
          expect(part).toBe(part.trim());
          expect(part).not.toMatch(/\s{2}/);
        }
        if (!first_name) expect(last_name).toBe('');
      }),
      FUZZ,
    ));

  it('keeps every word: first word first, the rest as last name', () =>
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), fc.constantFrom(' ', '  ', '\t', '\u00A0'), (words, gap) => {
        const { first_name, last_name } = splitName(words.join(gap));
        expect(first_name).toBe(words[0]);
        expect(last_name).toBe(words.slice(1).join(' '));
      }),
      FUZZ,
    ));

  it('reverses "Last, First"', () =>
    fc.assert(
      fc.property(word, fc.array(word, { minLength: 1, maxLength: 3 }), (last, firsts) => {
        expect(splitName(`${last}, ${firsts.join(' ')}`)).toEqual({ first_name: firsts.join(' '), last_name: last });
      }),
      FUZZ,
    ));

  it('fills names from Full Name only when both are empty', () =>
    fc.assert(
      fc.property(nastyString(), nastyString(), nastyString(), (name, first, last) => {
        const data = withSplitName({ name, first_name: first, last_name: last });
        if (first.trim() || last.trim()) expect(data).toEqual({ name, first_name: first, last_name: last });
        else expect(data).toEqual({ name, ...splitName(name) });
      }),
      FUZZ,
    ));
});
