/**
 * Countries and first-level regions shared by the Keap and Salesforce emulators. Keap speaks
 * alpha-3 country codes and ISO 3166-2 region codes ("US-AZ"); Salesforce state and country
 * picklists speak alpha-2 and the bare region code ("AZ").
 */

export interface Country {
  alpha2: string;
  alpha3: string;
  name: string;
}

export interface Region {
  /** ISO 3166-2, e.g. `US-AZ`. */
  code: string;
  name: string;
}

const COUNTRY_ROWS = `
US USA United States
CA CAN Canada
GB GBR United Kingdom
AU AUS Australia
NZ NZL New Zealand
IE IRL Ireland
DE DEU Germany
FR FRA France
ES ESP Spain
IT ITA Italy
NL NLD Netherlands
BE BEL Belgium
CH CHE Switzerland
AT AUT Austria
SE SWE Sweden
NO NOR Norway
DK DNK Denmark
FI FIN Finland
PL POL Poland
PT PRT Portugal
IL ISR Israel
IN IND India
JP JPN Japan
CN CHN China
KR KOR Korea, Republic of
SG SGP Singapore
HK HKG Hong Kong
PH PHL Philippines
ZA ZAF South Africa
NG NGA Nigeria
EG EGY Egypt
AE ARE United Arab Emirates
BR BRA Brazil
MX MEX Mexico
AR ARG Argentina
CL CHL Chile
CO COL Colombia
PR PRI Puerto Rico
CZ CZE Czechia
CI CIV Côte d'Ivoire
`;

export const COUNTRIES: readonly Country[] = COUNTRY_ROWS.trim()
  .split('\n')
  .map((row) => {
    const [alpha2 = '', alpha3 = '', ...name] = row.split(' ');
    return { alpha2, alpha3, name: name.join(' ') };
  });

const regions = (country: string, rows: string): Region[] =>
  rows
    .trim()
    .split('\n')
    .map((row) => {
      const [code = '', ...name] = row.trim().split(' ');
      return { code: `${country}-${code}`, name: name.join(' ') };
    });

const US = `
AL Alabama
AK Alaska
AZ Arizona
AR Arkansas
CA California
CO Colorado
CT Connecticut
DE Delaware
DC District of Columbia
FL Florida
GA Georgia
HI Hawaii
ID Idaho
IL Illinois
IN Indiana
IA Iowa
KS Kansas
KY Kentucky
LA Louisiana
ME Maine
MD Maryland
MA Massachusetts
MI Michigan
MN Minnesota
MS Mississippi
MO Missouri
MT Montana
NE Nebraska
NV Nevada
NH New Hampshire
NJ New Jersey
NM New Mexico
NY New York
NC North Carolina
ND North Dakota
OH Ohio
OK Oklahoma
OR Oregon
PA Pennsylvania
RI Rhode Island
SC South Carolina
SD South Dakota
TN Tennessee
TX Texas
UT Utah
VT Vermont
VA Virginia
WA Washington
WV West Virginia
WI Wisconsin
WY Wyoming
AS American Samoa
GU Guam
MP Northern Mariana Islands
PR Puerto Rico
VI Virgin Islands, U.S.
`;

const CA = `
AB Alberta
BC British Columbia
MB Manitoba
NB New Brunswick
NL Newfoundland and Labrador
NS Nova Scotia
NT Northwest Territories
NU Nunavut
ON Ontario
PE Prince Edward Island
QC Quebec
SK Saskatchewan
YT Yukon
`;

const AU = `
ACT Australian Capital Territory
NSW New South Wales
NT Northern Territory
QLD Queensland
SA South Australia
TAS Tasmania
VIC Victoria
WA Western Australia
`;

const GB = `
ENG England
NIR Northern Ireland
SCT Scotland
WLS Wales
`;

const MX = `
CMX Ciudad de Mexico
JAL Jalisco
NLE Nuevo Leon
`;

/** Keyed by alpha-3. Countries missing here have no region list, so any region text is accepted. */
export const REGIONS: Readonly<Record<string, readonly Region[]>> = {
  USA: regions('US', US),
  CAN: regions('CA', CA),
  AUS: regions('AU', AU),
  GBR: regions('GB', GB),
  MEX: regions('MX', MX),
};

const fold = (value: string): string => value.trim().toLowerCase();

/** By alpha-2, alpha-3 or English name, case-insensitively. */
export const findCountry = (value: string): Country | undefined => {
  const key = fold(value);
  return COUNTRIES.find((c) => fold(c.alpha2) === key || fold(c.alpha3) === key || fold(c.name) === key);
};

/** By ISO 3166-2 code, bare code ("AZ") or name. `null` means the country keeps no list. */
export const findRegion = (country: Country, value: string): Region | undefined | null => {
  const list = REGIONS[country.alpha3];
  if (!list) return null;
  const key = fold(value);
  return list.find((r) => fold(r.code) === key || fold(r.code.split('-')[1] ?? '') === key || fold(r.name) === key);
};
