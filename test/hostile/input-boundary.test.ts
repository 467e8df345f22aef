import { parseInput } from '../../src/input';
import { ACTIVITY_INPUTS, CONTACT_INPUTS, TAG_INPUTS } from '../../src/inputs';
import { unknownCountryMessage } from '../../src/normalize/country';
import { runWithApp } from '../helpers/app';
import { rejection } from '../helpers/errors';

/** The exact words behind the table's findings, fixed at the input boundary. */
const parse = (schema: Parameters<typeof parseInput>[1], data: Record<string, unknown>) => runWithApp((z) => Promise.resolve(parseInput(z, schema, data)));

describe('input boundary', () => {
  it('refuses an unfilled Zapier placeholder in any mapped field, naming it, before any request', async () => {
    const error = await rejection(parse(CONTACT_INPUTS, { email: 'ada@example.com', company: 'Acme {{bundle.authData.access_token}}' }));
    expect(error).toMatchObject({
      name: 'AppError',
      message: 'Company (company) contains "{{bundle…}}", which looks like an unfilled Zapier placeholder; remove it or map a real value.',
    });
    const several = await rejection(
      parse(CONTACT_INPUTS, { email: 'ada@example.com', sf__Industry: '{{process.env.X}}', city: '{{ bundle.inputData.city }}' }),
    );
    expect(several.message).toMatch(/\(sf__Industry\), City \(city\) contain "\{\{bundle…\}\}", which looks like an unfilled Zapier placeholder; remove it or map a real value\.$/);
    await expect(parse(CONTACT_INPUTS, { email: 'ada@example.com', company: '{{123__company}} Ltd' })).resolves.toMatchObject({
      company: '{{123__company}} Ltd',
    });
  });

  it('explains three problems and names the rest, so the message stays short', async () => {
    const error = await rejection(
      parse(ACTIVITY_INPUTS, { contact_id: '2841', booking_id: { id: 5 }, start_time: [6], subject: { s: 7 }, location: [8], description: { d: 9 }, cancel_reschedule_reason: [10] }),
    );
    expect(error.message).toBe(
      'Please fix this step\'s input: Booking ID (booking_id) must be text, not a list or an object; got "{"id":5}". ' +
        'Start Time (start_time) must be text, not a list or an object; got "[6]". Cancel/Reschedule Reason (cancel_reschedule_reason) must be text, not a list or an object; got "[10]". ' +
        'Also check Subject (subject), Location (location), Description (description).',
    );
  });

  it('takes numbers and true/false mapped into text fields as text', async () => {
    await expect(
      parse(ACTIVITY_INPUTS, { contact_id: 2841, booking_id: 12345, start_time: '2026-11-23T15:00:00Z', subject: 42, location: true }),
    ).resolves.toMatchObject({ contact_id: '2841', booking_id: '12345', subject: '42', location: 'true' });
  });

  it('caps tags per step and tag length', async () => {
    const many = await rejection(parse(TAG_INPUTS, { tags: Array.from({ length: 101 }, (_, i) => `t${i}`) }));
    expect(many.message).toContain('Tags (tags) holds more than 100 tags; one step handles at most 100, so split them across steps;');
    const long = await rejection(parse(TAG_INPUTS, { tags: ['ok', 'x'.repeat(256)] }));
    expect(long.message).toContain('Tags (tags) has a tag longer than 255 characters, which Keap does not accept;');
    await expect(parse(TAG_INPUTS, { contact_id: '2841', tags: Array.from({ length: 100 }, (_, i) => `t${i}`) })).resolves.toMatchObject({});
  });

  it('echoes at most 60 characters of a value it could not match', () => {
    const message = unknownCountryMessage('x'.repeat(100_000), []);
    expect(message).toBe(`Unknown country '${'x'.repeat(59)}…' in Country (country_code). Use an ISO code (US or USA) or the English country name, or choose one from the list.`);
  });
});
