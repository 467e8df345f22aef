import {
  editDistance,
  foldText,
  iso3166_2,
  judgeCountry,
  matchCountry,
  matchRegion,
  unknownCountryMessage,
  unknownRegionMessage,
  type CountryOption,
} from '../../src/normalize/country';

const countries: CountryOption[] = [
  { alpha2: 'US', alpha3: 'USA', name: 'United States' },
  { alpha2: 'GB', alpha3: 'GBR', name: 'United Kingdom' },
  { alpha2: 'AE', alpha3: 'ARE', name: 'United Arab Emirates' },
  { alpha2: 'CI', alpha3: 'CIV', name: "Côte d'Ivoire" },
  { alpha2: 'DE', alpha3: 'DEU', name: 'Germany' },
  { alpha2: 'CA', alpha3: 'CAN', name: 'Canada' },
];
const arizona = { code: 'US-AZ', name: 'Arizona' };
const regions = [arizona, { code: 'US-AR', name: 'Arkansas' }, { code: 'US-CA', name: 'California' }];

const matched = (result: ReturnType<typeof matchCountry>) => (result.ok ? result.value.alpha3 : undefined);

describe('matchCountry', () => {
  it.each([
    ['US', 'USA'],
    ['us', 'USA'],
    ['USA', 'USA'],
    ['U.S.A.', 'USA'],
    ['united states', 'USA'],
    ['  United States  ', 'USA'],
    ['United States of America', 'USA'],
    ['UK', 'GBR'],
    ['gbr', 'GBR'],
    ['cote divoire', 'CIV'],
    ["CÔTE D'IVOIRE", 'CIV'],
    ['DE', 'DEU'],
  ])('matches %s', (input, alpha3) => {
    expect(matched(matchCountry(input, countries))).toBe(alpha3);
  });

  it('suggests the closest countries for a misspelling', () => {
    const result = matchCountry('Untied States', countries);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.suggestions.map((c) => c.alpha3)).toEqual(['USA']);
  });

  it('suggests by prefix', () => {
    const result = matchCountry('United', countries);
    expect(result.ok ? [] : result.suggestions.map((c) => c.alpha3).sort()).toEqual(['ARE', 'GBR', 'USA']);
  });

  it('suggests nothing for nonsense', () => {
    expect(matchCountry('Atlantis', countries)).toEqual({ ok: false, suggestions: [] });
  });

  it('does not treat an unknown 2-letter code as a name', () => {
    expect(matchCountry('ZZ', countries).ok).toBe(false);
  });

  it('words the error with suggestions', () => {
    expect(unknownCountryMessage('Untied States', [countries[0]!])).toBe(
      "Unknown country 'Untied States' in Country (country_code). Did you mean: United States (USA)? " +
        'Use an ISO code (US or USA) or the English country name, or choose one from the list.',
    );
  });
});

describe('matchRegion', () => {
  it.each(['US-AZ', 'us-az', 'AZ', 'az', 'Arizona', 'ARIZONA', ' arizona '])('matches %s', (input) => {
    expect(matchRegion(input, regions)).toEqual({ ok: true, value: arizona });
  });

  it('matches provinces listed without the country prefix', () => {
    const local = [{ code: 'AZ', name: 'Arizona' }];
    expect(matchRegion('US-AZ', local)).toEqual({ ok: true, value: local[0] });
    expect(iso3166_2('AZ', 'US')).toBe('US-AZ');
    expect(iso3166_2('us-az', 'US')).toBe('US-AZ');
  });

  it('suggests close regions and words the error', () => {
    const result = matchRegion('Arizna', regions);
    expect(result).toEqual({ ok: false, suggestions: [arizona] });
    expect(unknownRegionMessage('Arizna', countries[0]!, [arizona])).toContain(
      "Unknown region 'Arizna' for United States (USA) in Region (region). Did you mean: Arizona (US-AZ)?",
    );
  });
});

describe('text helpers', () => {
  it('folds case, diacritics and punctuation', () => {
    expect(foldText("  Côte d'Ivoire ")).toBe('cote divoire');
    expect(foldText('Bosnia & Herzegovina')).toBe('bosnia and herzegovina');
  });
  it('measures edit distance', () => {
    expect(editDistance('untied states', 'united states')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('ISO code forms a list does not carry', () => {
  const alpha2Only = [
    { alpha2: 'US', name: 'United States' },
    { alpha2: 'GB', name: 'United Kingdom' },
  ];
  const alpha3Only = [{ alpha3: 'DEU', name: 'Germany' }];

  it('finds an alpha-2-only country from its alpha-3 code', () => {
    expect(matchCountry('usa', alpha2Only)).toEqual({ ok: true, value: alpha2Only[0] });
    expect(matchCountry('GBR', alpha2Only)).toEqual({ ok: true, value: alpha2Only[1] });
  });

  it('finds an alpha-3-only country from its alpha-2 code', () => {
    expect(matchCountry('de', alpha3Only)).toEqual({ ok: true, value: alpha3Only[0] });
  });

  it('does not invent a match for an unknown code', () => {
    expect(matchCountry('XYZ', alpha2Only).ok).toBe(false);
  });
});

describe('judgeCountry', () => {
  it('judges by ISO 3166-1 and hands back the CRM list entry for the same code', () => {
    const verdict = judgeCountry('Ivory Coast', countries);

    expect(verdict).toEqual({
      ok: true,
      country: expect.objectContaining({ alpha2: 'CI', alpha3: 'CIV' }),
      listed: { alpha2: 'CI', alpha3: 'CIV', name: "Côte d'Ivoire" },
    });
  });

  it('knows a country the CRM list lacks, and says it is not listed', () => {
    const verdict = judgeCountry('Iceland', countries);

    expect(verdict).toEqual({ ok: true, country: expect.objectContaining({ alpha3: 'ISL', name: 'Iceland' }), listed: undefined });
  });

  it('gives the same refusal and suggestions whatever the CRM list holds', () => {
    expect(judgeCountry('Grmany', countries)).toEqual(judgeCountry('Grmany', []));
    expect(judgeCountry('Grmany', [])).toEqual({ ok: false, suggestions: [expect.objectContaining({ name: 'Germany' })] });
  });

  it("accepts an entry only the CRM's own list has", () => {
    const custom = { name: 'Narnia' };

    expect(judgeCountry('narnia', [custom])).toEqual({ ok: true, country: custom, listed: custom });
    expect(judgeCountry('Narnia', [])).toEqual({ ok: false, suggestions: [] });
  });
});

describe('long input', () => {
  it('is refused without suggestions rather than measured against every name', () => {
    expect(judgeCountry('x'.repeat(100_000), [])).toEqual({ ok: false, suggestions: [] });
  });
});
