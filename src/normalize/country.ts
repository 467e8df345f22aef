/**
 * Matches what a person typed for a country or region against a CRM's own list, so every CRM
 * gets the code it requires and an unknown value fails with the closest valid suggestions.
 * Pure functions: callers fetch the lists (Keap locales, Salesforce picklists) and word errors.
 */

// The package's main entry registers 78 translated name tables on load; code conversion needs none.
import { alpha2ToAlpha3, alpha3ToAlpha2 } from 'i18n-iso-countries/index';
import { shorten } from '../kit';
import { named } from '../input';
import { CONTACT } from '../inputs';

export type CountryOption = { alpha2?: string; alpha3?: string; name: string; aliases?: string[] };
export type RegionOption = { code: string; name: string };

export type Match<T> = { ok: true; value: T } | { ok: false; suggestions: T[] };

/** Lower case, no diacritics, punctuation folded away: "Côte d'Ivoire" → "cote divoire". */
export const foldText = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Common names that are neither ISO codes nor the ISO English short name. */
const COUNTRY_ALIASES: Record<string, string> = {
  uk: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  'united states of america': 'US',
  america: 'US',
  'south korea': 'KR',
  'north korea': 'KP',
  russia: 'RU',
  'czech republic': 'CZ',
  holland: 'NL',
  uae: 'AE',
};

/** Levenshtein distance, small inputs only. */
export const editDistance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
};

const MAX_SUGGESTIONS = 3;
/** Longer than any country or region name: no suggestion is worth an edit distance over 100 KB of mapped text. */
const MAX_NAME_LENGTH = 80;

/**
 * Ranks candidates by how close any of their spellings is to the input: a prefix or a
 * contained word counts as close; otherwise an edit distance within about a third of the length.
 */
const closest = <T>(input: string, candidates: T[], spellings: (candidate: T) => string[]): T[] => {
  const wanted = foldText(input);
  if (!wanted || wanted.length > MAX_NAME_LENGTH) return [];
  // A code-sized input two letters off any code is no hint: "XYZ" is not "DZA".
  const limit = wanted.length <= 3 ? 1 : Math.max(2, Math.ceil(wanted.length / 3));
  return candidates
    .map((candidate) => {
      const scores = spellings(candidate)
        .map(foldText)
        .filter(Boolean)
        .map((spelling) => {
          if (spelling.startsWith(wanted) || (spelling.length > 3 && wanted.startsWith(spelling))) return 0.5;
          if (wanted.length > 3 && spelling.split(' ').some((word) => word.startsWith(wanted))) return 0.75;
          return editDistance(wanted, spelling);
        });
      return { candidate, score: Math.min(...scores) };
    })
    .filter(({ score }) => score <= limit)
    .sort((a, b) => a.score - b.score)
    .slice(0, MAX_SUGGESTIONS)
    .map(({ candidate }) => candidate);
};

const sameCode = (a: string | undefined, b: string): boolean => a !== undefined && a.toUpperCase() === b.toUpperCase();

/**
 * Both ISO forms of a code, so "USA" finds a list that only carries alpha-2 codes (Salesforce's
 * country picklist) and "US" one that only carries alpha-3.
 */
const isoForms = (code: string): { alpha2?: string; alpha3?: string } =>
  code.length === 2 ? { alpha2: code, alpha3: alpha2ToAlpha3(code) } : { alpha2: alpha3ToAlpha2(code), alpha3: code };

const hasCode = (country: CountryOption, code: string): boolean => {
  const { alpha2, alpha3 } = isoForms(code);
  return (alpha2 !== undefined && sameCode(country.alpha2, alpha2)) || (alpha3 !== undefined && sameCode(country.alpha3, alpha3));
};

/** Matches ISO alpha-2, alpha-3 or an English name (case and diacritics ignored). */
export const matchCountry = (input: string, countries: CountryOption[]): Match<CountryOption> => {
  const text = input.trim();
  const folded = foldText(text);
  const code = folded.replace(/ /g, '').toUpperCase();
  const byCode =
    ((code.length === 2 || code.length === 3) && /^[A-Z]+$/.test(code) && countries.find((c) => hasCode(c, code))) ||
    countries.find((c) => spellingsOf(c).some((name) => foldText(name) === folded));
  if (byCode) return { ok: true, value: byCode };
  const alias = COUNTRY_ALIASES[folded];
  const byAlias = alias ? countries.find((c) => sameCode(c.alpha2, alias)) : undefined;
  if (byAlias) return { ok: true, value: byAlias };
  return { ok: false, suggestions: closest(text, countries, (c) => [...spellingsOf(c), c.alpha3 ?? '', c.alpha2 ?? '']) };
};

const spellingsOf = (country: CountryOption): string[] => [country.name, ...(country.aliases ?? [])];

let isoList: CountryOption[] | undefined;

/**
 * ISO 3166-1 with its English names and common aliases. Read on first use: the table is only
 * needed when a step is given a country, and the cold start stays free of name tables.
 */
export const isoCountries = (): CountryOption[] => {
  if (!isoList) {
    const { countries } = require('i18n-iso-countries/langs/en.json') as { countries: Record<string, string | string[]> };
    isoList = Object.entries(countries).map(([alpha2, names]) => {
      const [name = alpha2, ...aliases] = [names].flat();
      return { alpha2, alpha3: alpha2ToAlpha3(alpha2), name, aliases };
    });
  }
  return isoList;
};

export type CountryVerdict =
  | { ok: true; country: CountryOption; listed?: CountryOption }
  | { ok: false; suggestions: CountryOption[] };

/**
 * One verdict for every CRM: ISO 3166-1 decides whether the input is a country and what to
 * suggest when it is not, so "Narnia" fails the same way on Keap and on a Salesforce org that
 * stores countries as free text. `listed` is the CRM's own entry for that country, when its list
 * has one; an entry only the CRM's list knows (an org's custom picklist value) is accepted too.
 */
export const judgeCountry = (input: string, crmCountries: CountryOption[]): CountryVerdict => {
  const iso = matchCountry(input, isoCountries());
  if (iso.ok) {
    const { alpha2 = '', alpha3 = '' } = iso.value;
    const listed = crmCountries.find((c) => sameCode(c.alpha2, alpha2) || sameCode(c.alpha3, alpha3));
    return { ok: true, country: iso.value, listed };
  }
  const own = crmCountries.length ? matchCountry(input, crmCountries) : undefined;
  if (own?.ok) return { ok: true, country: own.value, listed: own.value };
  return { ok: false, suggestions: iso.suggestions };
};

/** The region code without its country prefix: "US-AZ" → "AZ". */
const localPart = (code: string): string => code.slice(code.indexOf('-') + 1);

/** Matches a region code with or without its country prefix ("US-AZ", "AZ") or a name. */
export const matchRegion = (input: string, regions: RegionOption[]): Match<RegionOption> => {
  const text = input.trim();
  const upper = text.toUpperCase().replace(/\s+/g, '');
  const folded = foldText(text);
  const found =
    regions.find((r) => r.code.toUpperCase() === upper) ||
    regions.find((r) => localPart(r.code).toUpperCase() === localPart(upper)) ||
    regions.find((r) => foldText(r.name) === folded);
  if (found) return { ok: true, value: found };
  return { ok: false, suggestions: closest(text, regions, (r) => [r.name, localPart(r.code)]) };
};

/** ISO 3166-2 form of a region code: "AZ" in the US → "US-AZ"; already prefixed codes stay. */
export const iso3166_2 = (code: string, alpha2: string | undefined): string =>
  code.includes('-') || !alpha2 ? code.toUpperCase() : `${alpha2.toUpperCase()}-${code.toUpperCase()}`;

export const describeCountry = (country: CountryOption): string =>
  country.alpha3 || country.alpha2 ? `${country.name} (${country.alpha3 ?? country.alpha2})` : country.name;

export const describeRegion = (region: RegionOption): string => `${region.name} (${region.code})`;

const suggestionText = <T>(suggestions: T[], describe: (item: T) => string): string =>
  suggestions.length ? ` Did you mean: ${suggestions.map(describe).join(', ')}?` : '';

/** "Unknown country 'Untied States'. Did you mean: United States (USA)?" plus what to do. */
export const unknownCountryMessage = (input: string, suggestions: CountryOption[], field = named(CONTACT.country_code)): string =>
  `Unknown country '${shorten(input.trim())}' in ${field}.${suggestionText(suggestions, describeCountry)} ` +
  'Use an ISO code (US or USA) or the English country name, or choose one from the list.';

export const unknownRegionMessage = (
  input: string,
  country: CountryOption,
  suggestions: RegionOption[],
  field = named(CONTACT.region),
): string =>
  `Unknown region '${shorten(input.trim())}' for ${describeCountry(country)} in ${field}.${suggestionText(suggestions, describeRegion)} ` +
  'Use the region code (such as US-AZ or AZ) or its name, or choose one from the list.';
