import fc from 'fast-check';
import { iso3166_2, matchCountry, matchRegion, unknownCountryMessage, type CountryOption } from '../../src/normalize/country';
import { FUZZ, nastyString } from './support';

const countries: CountryOption[] = (
  require('../providers/keap/fixtures/countries.json') as { countries: Array<{ codes: { alpha2: string; alpha3: string }; name: string }> }
).countries.map((c) => ({ alpha2: c.codes.alpha2, alpha3: c.codes.alpha3, name: c.name }));
const regions = Object.entries(
  (require('../providers/keap/fixtures/provinces-usa.json') as { provinces: Array<{ code: string; name: string }> }).provinces.reduce(
    (all, p) => ({ ...all, [iso3166_2(p.code, 'US')]: p.name }),
    {} as Record<string, string>,
  ),
).map(([code, name]) => ({ code, name }));

/** Random case and padding, as people type. */
const typed = (text: string) =>
  fc.tuple(fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }), fc.constantFrom('', ' ', '  ')).map(
    ([upper, pad]) => `${pad}${[...text].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('')}${pad}`,
  );

describe('fuzzed country and region matching', () => {
  it('finds every listed country by alpha-2, alpha-3 or name, in any case and padding', () =>
    fc.assert(
      fc.property(
        fc.constantFrom(...countries).chain((country) =>
          fc.tuple(fc.constant(country), fc.constantFrom(country.alpha2!, country.alpha3!, country.name).chain(typed)),
        ),
        ([country, input]) => {
          const match = matchCountry(input, countries);
          expect(match).toEqual({ ok: true, value: country });
        },
      ),
      FUZZ,
    ));

  it('never throws on arbitrary input; an unknown country gets a short message naming the field and at most a few suggestions', () =>
    fc.assert(
      fc.property(nastyString(), (input) => {
        const match = matchCountry(input, countries);
        if (match.ok) return;
        expect(match.suggestions.length).toBeLessThanOrEqual(5);
        const message = unknownCountryMessage(input, match.suggestions);
        expect(message).toContain('(country_code)');
        expect(message.length).toBeLessThan(500);
      }),
      FUZZ,
    ));

  it('finds every listed region by ISO 3166-2 code, local code or name; anything else is a miss, never a throw', () =>
    fc.assert(
      fc.property(
        fc.constantFrom(...regions).chain((region) =>
          fc.tuple(fc.constant(region), fc.constantFrom(region.code, region.code.split('-')[1]!, region.name).chain(typed)),
        ),
        nastyString(),
        ([region, input], junk) => {
          expect(matchRegion(input, regions)).toEqual({ ok: true, value: region });
          const miss = matchRegion(junk, regions);
          if (miss.ok) expect(regions).toContain(miss.value);
        },
      ),
      FUZZ,
    ));
});
