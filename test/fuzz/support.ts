import fc from 'fast-check';
import type { ZObject } from 'zapier-platform-core';
import { runWithApp } from '../helpers/app';
import { seenError } from '../helpers/errors';

/** Bounded and reproducible: a failure prints its seed and path, and reruns the same way. */
export const FUZZ = { numRuns: 200, seed: 20261123 } as const;

/** Values a no-code user can map into a field by accident. */
export const HOSTILE = [
  '{{bundle.authData.access_token}}',
  '{{process.env.KEAP_CLIENT_SECRET}}',
  '<script>alert(1)</script>',
  "'; DELETE FROM Contact; --",
  "O'Brien",
  'back\\slash\\',
  "\\' OR Name != '",
  '%_%',
  'nul\u0000byte',
  '\u202Eevil\u202C',
  '\u200F\u05E9\u05DC\u05D5\u05DD',
  '😀👩‍👩‍👧',
  '\r\n\t\b\f',
  '   ',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  '1e309',
  'NaN',
];

/** Short strings biased towards the characters that break quoting, escaping and parsing. */
export const nastyString = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: fc.constantFrom("'", '"', '\\', '%', '_', '\n', '\r', '\t', '\b', '\f', '\u0000', 'a', ' ', 'é', '😀', '\u202E', '@', '-', ':', '.'), maxLength: 30 }),
    fc.constantFrom(...HOSTILE),
  );

/** Any JSON-ish value a mapped field can hold, strings weighted heaviest. */
export const anyMapped = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: nastyString() },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
    { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }) },
  );

/** Runs `fn` once with the real app's z (middleware and error classes included). */
export const withZ = (fn: (z: ZObject) => void | Promise<void>): Promise<void> =>
  runWithApp(async (z) => {
    await fn(z);
  });

/**
 * Calls `fn`; if it throws, the error must be the platform's user-facing AppError whose
 * message names `field` as "Label (key)", reads as a sentence and stays short.
 */
export const resultOrUserError = <T>(fn: () => T, field: string | string[]): { ok: true; value: T } | { ok: false; message: string } => {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    expectUserError(error, field);
    return { ok: false, message: seenError(error).message };
  }
};

/** `field` may list several: the message must name at least one of them. */
export const expectUserError = (error: unknown, field: string | string[]): void => {
  const seen = seenError(error);
  if (seen.name !== 'AppError') throw new Error(`expected AppError, got ${seen.name}: ${seen.message}`);
  const fields = Array.isArray(field) ? field : [field];
  if (!fields.some((f) => seen.message.includes(`(${f})`))) throw new Error(`names none of ${fields.join(', ')}: ${seen.message}`);
  expect(seen.message.length).toBeLessThan(500);
  expect(seen.message).not.toMatch(/\n\s+at |^\s*[{[]/);
};
