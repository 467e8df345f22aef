import fc from 'fast-check';
import { isValidFor, regionOptions } from '../../../src/providers/salesforce/locales';
import { isUniversallyRequired, type FieldInfo } from '../../../src/providers/salesforce/describe';
import { coerceValue, typedDefault, ValueProblem } from '../../../src/providers/salesforce/values';

const field = (type: string, extra: Partial<FieldInfo> = {}): FieldInfo => ({
  name: 'Field__c',
  label: 'Field',
  type,
  createable: true,
  updateable: true,
  nillable: false,
  defaultedOnCreate: false,
  autoNumber: false,
  calculated: false,
  custom: true,
  ...extra,
});
const entry = (value: string, extra = {}) => ({ value, label: value, active: true, defaultValue: false, validFor: null, ...extra });
const NOW = new Date('2026-11-23T10:15:00.000Z');
const noWarning = (message: string) => {
  throw new Error(`unexpected warning: ${message}`);
};

describe('typed defaults for required fields nobody mapped', () => {
  it.each([
    ['string', 'Unspecified'],
    ['textarea', 'Unspecified'],
    ['email', 'email@example.com'],
    ['phone', '1234567890'],
    ['url', 'http://NA'],
    ['int', 0],
    ['double', 0],
    ['currency', 0],
    ['percent', 0],
    ['date', '2026-11-23'],
    ['datetime', '2026-11-23T10:15:00.000Z'],
    ['boolean', false],
    ['reference', undefined],
  ])('%s → %j', (type, expected) => {
    expect(typedDefault(field(type), NOW)).toEqual(expected);
  });

  it('a picklist takes its default value, else its first active value', () => {
    expect(typedDefault(field('picklist', { picklistValues: [entry('Old', { active: false }), entry('A'), entry('B', { defaultValue: true })] }), NOW)).toBe('B');
    expect(typedDefault(field('picklist', { picklistValues: [entry('Old', { active: false }), entry('A')] }), NOW)).toBe('A');
  });

  it('counts a field as universally required only when Salesforce will not fill it', () => {
    expect(isUniversallyRequired(field('string'))).toBe(true);
    expect(isUniversallyRequired(field('string', { nillable: true }))).toBe(false);
    expect(isUniversallyRequired(field('string', { defaultedOnCreate: true }))).toBe(false);
    expect(isUniversallyRequired(field('string', { autoNumber: true }))).toBe(false);
    expect(isUniversallyRequired(field('string', { calculated: true }))).toBe(false);
    expect(isUniversallyRequired(field('string', { createable: false }))).toBe(false);
  });
});

describe('coercing step input to the field type', () => {
  it.each([
    ['boolean', 'Yes', true],
    ['boolean', 'false', false],
    ['int', '1,234.9', 1234],
    ['double', ' 12.5 ', 12.5],
    ['date', '2026-11-23', '2026-11-23'],
    ['date', '2026-11-23T22:00:00Z', '2026-11-23'],
    ['datetime', '2026-11-23T10:00:00+02:00', '2026-11-23T08:00:00.000Z'],
    ['string', '  text  ', 'text'],
  ])('%s %j → %j', (type, input, expected) => {
    expect(coerceValue(field(type), input, noWarning)).toEqual(expected);
  });

  it.each([
    ['boolean', 'maybe', 'Field (Field__c) needs true or false (yes/no and 1/0 work too); got "maybe".'],
    ['currency', 'ten', 'Field (Field__c) needs a number; got "ten".'],
    ['date', 'soon', 'Field (Field__c) needs a date such as 2026-11-23; got "soon".'],
  ])('%s %j fails with a plain message', (type, input, message) => {
    expect(() => coerceValue(field(type), input, noWarning)).toThrow(new ValueProblem(message));
  });

  it('matches picklist values and labels case-insensitively, active ones only', () => {
    const picklist = field('picklist', { restrictedPicklist: true, picklistValues: [entry('OutOfOffice', { label: 'Out of Office' }), entry('Gone', { active: false })] });
    expect(coerceValue(picklist, 'out of office', noWarning)).toBe('OutOfOffice');
    expect(() => coerceValue(picklist, 'gone', noWarning)).toThrow('"gone" is not an active value of Field (Field__c). Valid values: OutOfOffice.');
  });

  it('writes a value outside an unrestricted picklist as given, and says so', () => {
    const warnings: string[] = [];
    const picklist = field('picklist', { restrictedPicklist: false, picklistValues: [entry('Web'), entry('Other')] });

    expect(coerceValue(picklist, ' Trade Show ', (message) => warnings.push(message))).toBe('Trade Show');
    expect(warnings).toEqual([
      '"Trade Show" is not one of the Field (Field__c) picklist values; it was written as given, since the picklist is unrestricted. Its values: Web, Other.',
    ]);
  });

  it('checks each value of a multi-select picklist, restricted or not', () => {
    const warnings: string[] = [];
    const entries = [entry('Email'), entry('SMS')];

    expect(coerceValue(field('multipicklist', { picklistValues: entries }), 'sms, Fax', (message) => warnings.push(message))).toBe('SMS;Fax');
    expect(warnings).toHaveLength(1);
    expect(() => coerceValue(field('multipicklist', { restrictedPicklist: true, picklistValues: entries }), 'sms;Fax', noWarning)).toThrow(
      '"Fax" is not an active value of Field (Field__c). Valid values: Email, SMS.',
    );
  });
});

describe('dependent picklist bitmaps', () => {
  it('reads bit i, most significant bit first, across bytes', () => {
    const bitmap = Buffer.from([0b10000001, 0b01000000]).toString('base64');
    expect([0, 1, 7, 8, 9, 10].map((i) => isValidFor(bitmap, i))).toEqual([true, false, true, false, true, false]);
    expect(isValidFor(bitmap, 40)).toBe(false);
    expect(isValidFor(null, 0)).toBeUndefined();
  });

  it('agrees with a bitmap built from any set of controller indexes', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { maxLength: 30 }), fc.integer({ min: 0, max: 255 }), (valid, probe) => {
        const bytes = Buffer.alloc(32);
        for (const i of valid) bytes[i >> 3]! |= 0x80 >> (i & 7);
        expect(isValidFor(bytes.toString('base64'), probe)).toBe(valid.includes(probe));
      }),
    );
  });

  it('keeps regions without a bitmap for every country rather than hiding them', () => {
    const country = field('picklist', { picklistValues: [entry('US'), entry('CA')] });
    const state = field('picklist', { picklistValues: [entry('ON', { validFor: Buffer.from([0x40]).toString('base64') }), entry('XX')] });
    expect(regionOptions(state, country, 'US').map((r) => r.code)).toEqual(['XX']);
    expect(regionOptions(state, country, 'CA').map((r) => r.code)).toEqual(['ON', 'XX']);
  });
});

describe('text longer than the field allows', () => {
  it('is refused before any write, naming the field and its limit', () => {
    expect(() => coerceValue(field('phone', { label: 'Phone', name: 'Phone', length: 40 }), '1'.repeat(41), noWarning)).toThrow(
      new ValueProblem('Phone (Phone) holds at most 40 characters; got 41. Shorten the mapped value.'),
    );
  });

  it('passes text that fits exactly', () => {
    expect(coerceValue(field('string', { length: 5 }), 'abcde', noWarning)).toBe('abcde');
  });
});

