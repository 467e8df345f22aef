import {
  describeCountry,
  judgeCountry,
  matchRegion,
  unknownCountryMessage,
  unknownRegionMessage,
  type CountryOption,
  type RegionOption,
} from '../../normalize/country';
import { activeValues, fieldOf, type FieldInfo, type ObjectInfo } from './describe';
import { addressFields } from './mapping';
import type { PersonObject } from './records';
import { ValueProblem } from './values';
import { named } from '../../input';
import { CONTACT } from '../../inputs';

/**
 * Dependent picklists say which controller values each entry is valid for with a base64
 * bitmap: bit i (most significant first) stands for the controller's i-th value.
 */
export const isValidFor = (validFor: string | null | undefined, controllerIndex: number): boolean | undefined => {
  if (!validFor) return undefined;
  const bytes = Buffer.from(validFor, 'base64');
  const byte = bytes[controllerIndex >> 3];
  if (byte === undefined) return false;
  return (byte & (0x80 >> (controllerIndex & 7))) !== 0;
};

export const countryOptions = (field: FieldInfo): CountryOption[] =>
  activeValues(field).map((entry) => ({ alpha2: entry.value, name: entry.label }));

/** The regions of one country, or every region when the bitmap cannot be read. */
export const regionOptions = (stateField: FieldInfo, countryField: FieldInfo, countryCode: string | undefined): RegionOption[] => {
  const all = activeValues(stateField);
  const index = countryCode ? (countryField.picklistValues ?? []).findIndex((entry) => entry.value === countryCode) : -1;
  const scoped = index < 0 ? all : all.filter((entry) => isValidFor(entry.validFor, index) !== false);
  return scoped.map((entry) => ({ code: entry.value, name: entry.label }));
};

/** State and Country picklists are on when the object has the *CountryCode picklist field. */
export const codePicklists = (info: ObjectInfo, object: PersonObject) => {
  const names = addressFields(object);
  const country = fieldOf(info, names.countryCode);
  const state = fieldOf(info, names.stateCode);
  return country?.picklistValues?.length ? { country, state } : undefined;
};

export type AddressValue = { key: 'country_code' | 'region'; field: string; value: string };
export type AddressResult = { values: AddressValue[]; ignored: string[] };

/**
 * Country and region as the org stores them: codes from its picklists, or text as given. Either
 * way the country must be one (the same verdict Keap gets); a text region is the org's to judge.
 */
export const addressValues = (info: ObjectInfo, object: PersonObject, country?: string, region?: string): AddressResult => {
  const names = addressFields(object);
  const picklists = codePicklists(info, object);
  if (!picklists) {
    const values: AddressValue[] = [];
    if (country) {
      const verdict = judgeCountry(country, []);
      if (!verdict.ok) throw new ValueProblem(unknownCountryMessage(country, verdict.suggestions));
      values.push({ key: 'country_code', field: names.country, value: country });
    }
    if (region) values.push({ key: 'region', field: names.state, value: region });
    return { values, ignored: [] };
  }
  const values: AddressValue[] = [];
  let alpha2: string | undefined;
  if (country) {
    const verdict = judgeCountry(country, countryOptions(picklists.country));
    if (!verdict.ok) throw new ValueProblem(unknownCountryMessage(country, verdict.suggestions));
    if (!verdict.listed?.alpha2) {
      throw new ValueProblem(
        `${describeCountry(verdict.country)} is not in this Salesforce org's country list, in ${named(CONTACT.country_code)}: choose a country from the list, or ask an admin to enable it (Setup > State and Country/Territory Picklists).`,
      );
    }
    alpha2 = verdict.listed.alpha2;
    values.push({ key: 'country_code', field: picklists.country.name, value: alpha2 });
  }
  if (!region) return { values, ignored: [] };
  if (!alpha2) throw new ValueProblem(`${named(CONTACT.region)} needs a ${named(CONTACT.country_code)}: this Salesforce org stores states per country.`);
  const regions = picklists.state ? regionOptions(picklists.state, picklists.country, alpha2) : [];
  if (!regions.length) return { values, ignored: ['region'] };
  const match = matchRegion(region, regions);
  if (!match.ok) {
    const countryOption = countryOptions(picklists.country).find((option) => option.alpha2 === alpha2)!;
    throw new ValueProblem(unknownRegionMessage(region, countryOption, match.suggestions));
  }
  values.push({ key: 'region', field: picklists.state!.name, value: match.value.code });
  return { values, ignored: [] };
};
