import { createAppTester } from 'zapier-platform-core';
import App from '../../index';
import { parseInput } from '../../src/input';
import { activityInputSchema, contactInputSchema, contactRefSchema } from '../../src/model';
import { rejection } from '../helpers/errors';

const appTester = createAppTester(App);
const parse = (schema: Parameters<typeof parseInput>[1], data: Record<string, unknown>) =>
  appTester((async (z: never) => parseInput(z, schema, data)) as never, { meta: {} } as never);

describe('step input validation', () => {
  it('normalises a valid contact and treats empty strings as absent', async () => {
    await expect(parse(contactInputSchema, { email: ' Ada@Example.COM ', first_name: '', city: ' London ' })).resolves.toEqual({
      email: 'ada@example.com',
      city: 'London',
      match_on: 'email',
    });
  });

  it.each([
    [{ email: 'not-an-email' }, 'Email (email) is not an email address (it needs one @, no spaces and a domain with a dot, such as name@example.com); got "not-an-email".'],
    [{}, 'Email (email) is required; it was empty.'],
    [{ email: 'a@b.co', match_on: 'phone' }, 'Match On (match_on)'],
  ])('explains %j', async (data, expected) => {
    const error = await rejection(parse(contactInputSchema, data));
    expect(error.message).toContain(expected);
    expect(error.message).toMatch(/^Please fix this step's input: /);
  });

  it('needs a contact id or an email to find the contact', async () => {
    const error = await rejection(parse(contactRefSchema, {}));
    expect(error.message).toBe(
      "Please fix this step's input: Contact ID (contact_id) or Email (email): one of them is required. Map the Contact ID from an earlier Upsert Contact or Find Contact step, or the person's email; it was empty.",
    );
  });

  it('names every problem at once', async () => {
    const error = await rejection(parse(activityInputSchema, { duration_minutes: 'abc', status: 'Maybe' }));
    expect(error.message).toContain('Booking ID (booking_id)');
    expect(error.message).toContain('Start Time (start_time) is required');
    expect(error.message).toContain('Duration (Minutes) (duration_minutes)');
    expect(error.message).toContain('Status (status)');
  });
});
