import { createAppTester } from 'zapier-platform-core';
import App from '../../index';
import { parseInput } from '../../src/input';
import { ACTIVITY_INPUTS, CONTACT_INPUTS, TAG_INPUTS } from '../../src/inputs';
import { KEAP_CONTACT_INPUTS } from '../../src/providers/keap/form';
import { rejection } from '../helpers/errors';

const appTester = createAppTester(App);
const parse = (schema: Parameters<typeof parseInput>[1], data: Record<string, unknown>) =>
  appTester((async (z: never) => parseInput(z, schema, data)) as never, { meta: {} } as never);

describe('step input validation', () => {
  it('normalises a valid contact and treats empty strings as absent', async () => {
    await expect(parse(CONTACT_INPUTS, { email: ' Ada@Example.COM ', first_name: '', city: ' London ' })).resolves.toEqual({
      email: 'ada@example.com',
      city: 'London',
    });
  });

  it.each([
    [{ email: 'not-an-email' }, 'Email (email) is not an email address (it needs one @, no spaces and a domain with a dot, such as name@example.com); got "not-an-email".'],
    [{}, 'Email (email) is required; it was empty.'],
  ])('explains %j', async (data, expected) => {
    const error = await rejection(parse(CONTACT_INPUTS, data));
    expect(error.message).toContain(expected);
    expect(error.message).toMatch(/^Please fix this step's input: /);
  });

  it('checks a CRM’s own inputs with the shared ones, named by their declared labels', async () => {
    const error = await rejection(
      appTester((async (z: never) => parseInput(z, CONTACT_INPUTS, { email: 'nope', match_on: 'phone' }, KEAP_CONTACT_INPUTS)) as never, { meta: {} } as never),
    );
    expect(error.message).toBe(
      "Please fix this step's input: Email (email) is not an email address (it needs one @, no spaces and a domain with a dot, such as name@example.com); got \"nope\". " +
        'Match On (match_on) must be one of email, email_and_name; got "phone".',
    );
  });

  it('needs a contact id or an email to find the contact', async () => {
    const error = await rejection(parse(TAG_INPUTS, {}));
    expect(error.message).toBe(
      "Please fix this step's input: Contact ID (contact_id) or Email (email): one of them is required. Map the Contact ID from an earlier Upsert Contact or Find Contact step, or the person's email; it was empty.",
    );
  });

  it('names every problem at once', async () => {
    const error = await rejection(parse(ACTIVITY_INPUTS, { duration_minutes: 'abc', status: 'Maybe' }));
    expect(error.message).toContain('Booking ID (booking_id)');
    expect(error.message).toContain('Start Time (start_time) is required');
    expect(error.message).toContain('Duration (Minutes) (duration_minutes)');
    expect(error.message).toContain('Status (status)');
  });
});
