import {
  iso3166_2,
  describeCountry,
  judgeCountry,
  matchRegion,
  unknownCountryMessage,
  unknownRegionMessage,
  type CountryOption,
  type RegionOption,
} from '../../normalize/country';
import type { Context } from '../types';
import { cached, keapList } from './client';
import { named } from '../../input';
import { CONTACT } from '../../inputs';
import { invalidInput } from '../../kit';

/** Locale lists are Keap-wide and static: cache them for a day. */
const LOCALE_TTL_SECONDS = 24 * 60 * 60;

type KeapCountry = { codes?: { alpha2?: string; alpha3?: string }; name?: string };
type KeapProvince = { code?: string; name?: string };

export const keapCountries = (ctx: Context): Promise<CountryOption[]> =>
  cached(
    ctx,
    'countries',
    async () =>
      (await keapList<KeapCountry>(ctx, '/v2/locales/countries', 'countries')).map((c) => ({
        alpha2: c.codes?.alpha2,
        alpha3: c.codes?.alpha3,
        name: c.name ?? c.codes?.alpha3 ?? '',
      })),
    LOCALE_TTL_SECONDS,
  );

/** Provinces of a country, codes in ISO 3166-2 form ("US-AZ") whichever form Keap lists. */
export const keapProvinces = (ctx: Context, country: CountryOption): Promise<RegionOption[]> =>
  cached(
    ctx,
    `provinces:${country.alpha3}`,
    async () =>
      (await keapList<KeapProvince>(ctx, `/v2/locales/countries/${encodeURIComponent(country.alpha3 ?? '')}/provinces`, 'provinces'))
        .filter((p) => p.code)
        .map((p) => ({ code: iso3166_2(p.code!, country.alpha2), name: p.name ?? p.code! })),
    LOCALE_TTL_SECONDS,
  );

export const resolveCountry = async (ctx: Context, input: string): Promise<CountryOption> => {
  const verdict = judgeCountry(input, await keapCountries(ctx));
  if (!verdict.ok) throw invalidInput(ctx.z, unknownCountryMessage(input, verdict.suggestions));
  if (!verdict.listed?.alpha3) {
    throw invalidInput(
      ctx.z,
      `Keap has no country code for ${describeCountry(verdict.country)} in ${named(CONTACT.country_code)}: choose a country from the list, or clear the field.`,
    );
  }
  return verdict.listed;
};

export type KeapLocation = { country_code?: string; region_code?: string };

/**
 * Keap stores alpha-3 country codes and ISO 3166-2 region codes, and rejects a region without
 * its country. Everything is checked here, before the step writes anything.
 */
export const requireCountryForRegion = (ctx: Context, countryInput?: string, regionInput?: string): void => {
  if (regionInput && !countryInput) {
    throw invalidInput(
      ctx.z,
      `${named(CONTACT.region)} is set to "${regionInput}" but ${named(CONTACT.country_code)} is empty. Keap needs the country to store a region: set Country too, or clear Region.`,
    );
  }
};

export const resolveLocation = async (ctx: Context, countryInput?: string, regionInput?: string): Promise<KeapLocation> => {
  requireCountryForRegion(ctx, countryInput, regionInput);
  if (!countryInput) return {};
  const country = await resolveCountry(ctx, countryInput);
  if (!regionInput) return { country_code: country.alpha3 };
  const provinces = await keapProvinces(ctx, country);
  const match = matchRegion(regionInput, provinces);
  if (!match.ok) throw invalidInput(ctx.z, unknownRegionMessage(regionInput, country, match.suggestions));
  return { country_code: country.alpha3, region_code: match.value.code };
};
