/**
 * The contact time zones this emulated Keap account accepts. Keap's API FAQ ("What timezones do
 * contact calls accept?", linked from the v2 createContact description: "This API only supports a
 * subset of valid timezones") publishes a limited list; the part of it quoted in our reference notes
 * includes Asia/Kolkata and America/Argentina/Buenos_Aires and leaves out several common zones.
 * Which names the whole list holds is unconfirmed, so the sandbox takes the stricter reading: a
 * short list mixing current and legacy names (Europe/Kiev but not Europe/Kyiv), without Kathmandu
 * under either name, and refuses anything else, as Keap does.
 */
export const KEAP_CONTACT_TIME_ZONES = new Set([
  'Pacific/Honolulu',
  'America/Anchorage',
  'America/Los_Angeles',
  'America/Phoenix',
  'America/Denver',
  'America/Chicago',
  'America/New_York',
  'America/Toronto',
  'America/Vancouver',
  'America/Mexico_City',
  'America/Sao_Paulo',
  'America/Argentina/Buenos_Aires',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Madrid',
  'Europe/Kiev',
  'Europe/Moscow',
  'Africa/Johannesburg',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Saigon',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'UTC',
]);
