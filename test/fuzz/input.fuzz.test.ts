import fc from 'fast-check';
import { parseInput } from '../../src/input';
import { ACTIVITY_INPUTS, CONTACT_INPUTS, TAG_INPUTS } from '../../src/inputs';
import { anyMapped, FUZZ, nastyString, resultOrUserError, withZ } from './support';

/** What the connector itself needs of an accepted email: one @, a dotted domain, no spaces. */
const PLAUSIBLE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const email = fc
  .tuple(fc.stringMatching(/^[a-z0-9_+-]{1,12}(\.[a-z0-9_+-]{1,8})?$/), fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,5})?\.[a-z]{2,6}$/))
  .map(([local, domain]) => `${local}@${domain}`);

describe('fuzzed step input (through the real app’s z)', () => {
  it('accepts every well-formed email in any case and padding, stored trimmed and lower-cased', () =>
    withZ((z) =>
      fc.assert(
        fc.property(email, fc.boolean(), fc.constantFrom('', ' ', '\t', '  '), (address, upper, pad) => {
          const typed = `${pad}${upper ? address.toUpperCase() : address}${pad}`;
          expect(parseInput(z, CONTACT_INPUTS, { email: typed }).email).toBe(address);
        }),
        FUZZ,
      ),
    ));

  it('either accepts an email that looks like one or names Email (email) in a short message', () =>
    withZ((z) =>
      fc.assert(
        fc.property(anyMapped(), (value) => {
          const result = resultOrUserError(() => parseInput(z, CONTACT_INPUTS, { email: value }), 'email');
          if (result.ok) {
            expect(result.value.email).toMatch(PLAUSIBLE_EMAIL);
            expect(result.value.email).toBe(String(value).trim().toLowerCase());
          }
        }),
        FUZZ,
      ),
    ));

  it('keeps phones and other texts literal (trimmed), never rewritten or executed', () =>
    withZ((z) =>
      fc.assert(
        fc.property(nastyString(), nastyString(), (phone, company) => {
          const result = resultOrUserError(
            () => parseInput(z, CONTACT_INPUTS, { email: 'ada@example.com', phone, mobile_phone: phone, company }),
            ['phone', 'mobile_phone', 'company'],
          );
          if (!result.ok) {
            // Only a Zapier placeholder is refused; anything else is kept as typed.
            expect([phone, company].some((v) => /\{\{\s*(bundle|process)\b/.test(v))).toBe(true);
            return;
          }
          const expected = (value: string) => (value.trim() === '' ? undefined : value.trim());
          expect(result.value.phone).toBe(expected(phone));
          expect(result.value.mobile_phone).toBe(expected(phone));
          expect(result.value.company).toBe(expected(company));
        }),
        FUZZ,
      ),
    ));

  it('reads durations as whole minutes from 1 to 14 days, or names Duration (Minutes) (duration_minutes)', () =>
    withZ((z) =>
      fc.assert(
        fc.property(
          fc.oneof(fc.integer({ min: -100, max: 30_000 }), fc.double({ noNaN: false }), fc.integer().map(String), nastyString(), anyMapped()),
          (duration) => {
            const data = { contact_id: '2841', booking_id: 'BKNG-1', start_time: '2026-11-23T15:00:00Z', duration_minutes: duration };
            const result = resultOrUserError(() => parseInput(z, ACTIVITY_INPUTS, data), 'duration_minutes');
            if (!result.ok) return;
            const minutes = result.value.duration_minutes;
            if (minutes === undefined) return;
            expect(Number.isInteger(minutes)).toBe(true);
            expect(minutes).toBeGreaterThanOrEqual(1);
            expect(minutes).toBeLessThanOrEqual(14 * 24 * 60);
          },
        ),
        FUZZ,
      ),
    ));

  it('splits tag lists on commas into trimmed, non-empty names whatever they contain', () =>
    withZ((z) =>
      fc.assert(
        fc.property(fc.oneof(nastyString(), fc.array(nastyString(), { maxLength: 5 })), (tags) => {
          const result = resultOrUserError(() => parseInput(z, TAG_INPUTS, { contact_id: '2841', tags }), 'tags');
          if (!result.ok) return;
          for (const tag of result.value.tags) {
            expect(tag).toBe(tag.trim());
            expect(tag).not.toBe('');
          }
        }),
        FUZZ,
      ),
    ));
});
