import { named } from './input';

/**
 * Time zones as real accounts send them. Node's `Intl.supportedValuesOf('timeZone')` lists ICU's
 * canonical names, which are the legacy ones (Asia/Calcutta, Europe/Kiev) and omit the current
 * names people and bookings use (Asia/Kolkata, Europe/Kyiv, Etc/UTC), although `Intl.DateTimeFormat`
 * formats with either. So a zone is valid when the runtime can format with it, and a zone's other
 * names are found through ICU's canonical name, plus the renames of IANA's `backward` file that ICU
 * does not list.
 */

/** Current IANA name → the older name ICU lists (tzdb `backward`; both name the same zone). */
const RENAMED: Record<string, string> = {
  'Asia/Kolkata': 'Asia/Calcutta',
  'Europe/Kyiv': 'Europe/Kiev',
  'Asia/Kathmandu': 'Asia/Katmandu',
  'Asia/Ho_Chi_Minh': 'Asia/Saigon',
  'Asia/Yangon': 'Asia/Rangoon',
  'Asia/Dhaka': 'Asia/Dacca',
  'Asia/Thimphu': 'Asia/Thimbu',
  'Asia/Ulaanbaatar': 'Asia/Ulan_Bator',
  'Asia/Makassar': 'Asia/Ujung_Pandang',
  'Asia/Chongqing': 'Asia/Chungking',
  'America/Argentina/Buenos_Aires': 'America/Buenos_Aires',
  'America/Argentina/Catamarca': 'America/Catamarca',
  'America/Argentina/Cordoba': 'America/Cordoba',
  'America/Argentina/Jujuy': 'America/Jujuy',
  'America/Argentina/Mendoza': 'America/Mendoza',
  'America/Indiana/Indianapolis': 'America/Indianapolis',
  'America/Kentucky/Louisville': 'America/Louisville',
  'America/Nuuk': 'America/Godthab',
  'America/Atikokan': 'America/Coral_Harbour',
  'Atlantic/Faroe': 'Atlantic/Faeroe',
  'Pacific/Chuuk': 'Pacific/Truk',
  'Pacific/Pohnpei': 'Pacific/Ponape',
  'Pacific/Kanton': 'Pacific/Enderbury',
  'Etc/UTC': 'UTC',
};

const canonical = (zone: string): string | undefined => {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
};

/** True for every zone the runtime can format with, current and legacy names alike. */
export const isTimeZone = (zone: string): boolean => canonical(zone) !== undefined;

/** What is wrong with a mapped Time Zone, in the words every step uses; undefined when it is one. */
export const timeZoneProblem = (zone: string | undefined, field: { key: string; label: string }): string | undefined =>
  zone && !isTimeZone(zone) ? `${named(field)} must be an IANA time zone such as America/New_York or Asia/Kolkata; got "${zone}".` : undefined;

/** The zone's own spelling: `asia/kolkata` reads as Asia/Kolkata (Intl accepts any case). */
const spelled = (zone: string, own: string): string =>
  [own, ...Object.keys(RENAMED)].find((name) => name.toLowerCase() === zone.toLowerCase()) ?? zone;

/** The names of the same zone, the given one first: for `Asia/Kolkata`, `Asia/Calcutta`, and back. */
export const timeZoneNames = (zone: string): string[] => {
  const own = canonical(zone);
  if (!own) return [];
  const renames = Object.entries(RENAMED).filter(([, older]) => canonical(older) === own).flat();
  return [...new Set([spelled(zone, own), own, ...renames])];
};
