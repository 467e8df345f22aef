import { findHeader, FUTURE_SKEW_SECONDS, MAX_SIGNATURE_AGE_SECONDS, signPayload, verifyDelivery } from '../../src/oncehub/signature';

const SECRET = 'whsec-fixture-signing-secret';
const T = 1_790_000_000;
const NOW = T * 1000;
const content = '{"id":"EVNT-1","type":"booking.scheduled","data":{"id":"BKNG-1"}}';
const raw = (header: string, body = content) => ({ headers: { 'Http-Oncehub-Signature': header }, content: body });

describe('OnceHub signature verification', () => {
  it('signs <t>.<raw body> with HMAC-SHA256 in lower-case hex', () => {
    expect(signPayload(SECRET, T, content)).toMatch(/^[0-9a-f]{64}$/);
    expect(signPayload(SECRET, T, content)).not.toBe(signPayload(SECRET, T + 1, content));
  });

  it('accepts a delivery that waited hours or days (queued, held, replayed), and clock skew into the future', () => {
    for (const skew of [-MAX_SIGNATURE_AGE_SECONDS, -3 * 86400, -3600, -301, 0, FUTURE_SKEW_SECONDS]) {
      const t = T + skew;
      expect(verifyDelivery(SECRET, raw(`t=${t},s=${signPayload(SECRET, t, content)}`), NOW)).toEqual({ ok: true });
    }
    for (const skew of [-MAX_SIGNATURE_AGE_SECONDS - 1, FUTURE_SKEW_SECONDS + 1]) {
      const t = T + skew;
      expect(verifyDelivery(SECRET, raw(`t=${t},s=${signPayload(SECRET, t, content)}`), NOW)).toMatchObject({ ok: false });
    }
  });

  it('checks the timestamp text exactly as signed', () => {
    const sig = signPayload(SECRET, T, content);
    expect(verifyDelivery(SECRET, raw(`t=0${T},s=${sig}`), NOW)).toMatchObject({ ok: false });
  });

  it('accepts spaces, upper-case hex and any one matching signature among several', () => {
    const sig = signPayload(SECRET, T, content);
    expect(verifyDelivery(SECRET, raw(` t=${T} , s=${sig.toUpperCase()} `), NOW)).toEqual({ ok: true });
    expect(verifyDelivery(SECRET, raw(`t=${T},s=${'0'.repeat(64)},s=${sig}`), NOW)).toEqual({ ok: true });
  });

  it('rejects a body that differs only in whitespace', () => {
    const sig = signPayload(SECRET, T, content);
    expect(verifyDelivery(SECRET, raw(`t=${T},s=${sig}`, `${content}\n`), NOW)).toMatchObject({ ok: false, reason: expect.stringContaining('does not match') });
  });

  it('rejects a delivery without a raw body', () => {
    const sig = signPayload(SECRET, T, content);
    expect(verifyDelivery(SECRET, { headers: { 'Http-Oncehub-Signature': `t=${T},s=${sig}` } }, NOW)).toMatchObject({ ok: false });
  });

  it('finds headers by bare name whatever the prefix or casing', () => {
    expect(findHeader({ 'Http-Oncehub-Signature': 'a' }, 'oncehub-signature')).toBe('a');
    expect(findHeader({ HTTP_ONCEHUB_SIGNATURE: 'b' }, 'oncehub-signature')).toBe('b');
    expect(findHeader({ 'X-Oncehub-Signature': 'c' }, 'oncehub-signature')).toBeUndefined();
    expect(findHeader(undefined, 'oncehub-signature')).toBeUndefined();
  });
});
