import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How far a signed timestamp may lie ahead of now: clock skew between OnceHub and Zapier, nothing more.
 * Age has a far wider bound (docs/oncehub.md, "Signature age"): a correctly signed delivery that
 * waited in Zapier's queue, was held while the Zap was paused, or is replayed from the Zap's
 * history must still run. What stops a replayed delivery from doing harm is dedupe and the steps'
 * latest-status-wins rule, not the clock; the bound only refuses timestamps no real delivery has.
 */
export const FUTURE_SKEW_SECONDS = 300;
/** OnceHub retries for about three days; Zapier keeps a Zap's runs replayable for weeks. */
export const MAX_SIGNATURE_AGE_SECONDS = 60 * 24 * 60 * 60;

export type RawDelivery = { headers?: Record<string, unknown>; content?: unknown };
export type Verification = { ok: true } | { ok: false; reason: string };

/**
 * Zapier hands over delivery headers with an `Http-` prefix and its own casing
 * (`Http-Oncehub-Signature`); tests and other runners may not. Match on the bare name.
 */
export const findHeader = (headers: Record<string, unknown> | undefined, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers ?? {})) {
    const bare = key.toLowerCase().replace(/_/g, '-').replace(/^http-/, '');
    if (bare === wanted) return Array.isArray(value) ? String(value[0] ?? '') : String(value ?? '');
  }
  return undefined;
};

/**
 * `t=<unix seconds>,s=<hex>`; more than one `s` is accepted so a rotated secret can overlap.
 * `t` stays the exact text that was signed.
 */
const parseHeader = (header: string): { t: string; signatures: string[] } | undefined => {
  let t: string | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.split('=', 2).map((p) => p.trim());
    if (key === 't' && value && /^\d{1,12}$/.test(value)) t = value;
    if (key === 's' && value && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  return t === undefined || signatures.length === 0 ? undefined : { t, signatures };
};

export const signPayload = (secret: string, t: number | string, rawBody: string): string =>
  createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');

/**
 * Checks an `Oncehub-Signature` header: HMAC-SHA256 of `<t>.<raw body>` under the webhook's
 * secret, compared in constant time, with `t` no later than clock skew allows and not absurdly old. Reasons never
 * include the secret or the signature.
 */
export const verifyDelivery = (secret: string | undefined, raw: RawDelivery | undefined, nowMs = Date.now()): Verification => {
  if (!secret) return { ok: false, reason: 'this subscription has no signing secret stored; turn the Zap off and on again' };
  const header = findHeader(raw?.headers, 'oncehub-signature');
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'the Oncehub-Signature header is missing' };
  const parsed = parseHeader(header);
  if (!parsed) return { ok: false, reason: 'the Oncehub-Signature header is malformed (expected t=<unix time>,s=<hex>)' };
  const age = Math.floor(nowMs / 1000) - Number(parsed.t);
  if (-age > FUTURE_SKEW_SECONDS) {
    return { ok: false, reason: `the signature timestamp is ${-age} s in the future, beyond the ${FUTURE_SKEW_SECONDS} s allowed for clock skew` };
  }
  if (age > MAX_SIGNATURE_AGE_SECONDS) {
    return { ok: false, reason: `the signature timestamp is ${Math.round(age / 86400)} days old, older than any delivery OnceHub retries or Zapier replays` };
  }
  if (typeof raw?.content !== 'string') return { ok: false, reason: 'the delivery has no raw body to check' };
  const expected = Buffer.from(signPayload(secret, parsed.t, raw.content), 'hex');
  const matches = parsed.signatures.some((s) => timingSafeEqual(expected, Buffer.from(s, 'hex')));
  return matches
    ? { ok: true }
    : { ok: false, reason: 'the signature does not match (the body was altered or it was signed with another secret)' };
};
