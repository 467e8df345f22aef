import { checkedKeapAnswers, checkKeapAnswer } from '../helpers/checked-sandbox';
import { ops, run, useIntegration } from '../integration/support';
import { takeRequestViolations } from './record-requests';
import { keapV2ResponseViolations } from './shapes';

/** The sandbox's Keap v2 answers are held to the official OpenAPI's response schemas. */
describe('Keap v2 answers against the spec', () => {
  it('finds a property the schema does not have, a wrong type and an undocumented success status', () => {
    expect(keapV2ResponseViolations('GET', '/v2/contacts/7', 200, { id: '7', nickname: 'Ada' })).toEqual([
      'response 200 (Contact) /nickname is not a property of Contact',
    ]);
    expect(keapV2ResponseViolations('GET', '/v2/contacts/model', 200, { custom_fields: [{ id: '1', default_value: null }] })).toEqual([
      'response 200 (ObjectModel) /custom_fields/0/default_value must be string',
    ]);
    expect(keapV2ResponseViolations('DELETE', '/v2/contacts/7', 202, undefined)).toEqual(['status 202 is not documented for DELETE /rest/v2/contacts/{contact_id}']);
  });

  it('fails the test that received a drifted answer, naming the call', () => {
    checkKeapAnswer({ provider: 'keap', method: 'GET', path: '/crm/rest/v2/contacts/7', status: 200, body: { id: '7', nickname: 'Ada' }, fault: false });

    expect(takeRequestViolations()).toEqual(['sandbox answer to GET /crm/rest/v2/contacts/7\n  - response 200 (Contact) /nickname is not a property of Contact']);
  });

  it('leaves injected faults and the gateway token refusal alone', () => {
    checkKeapAnswer({ provider: 'keap', method: 'GET', path: '/crm/rest/v2/contacts', status: 503, body: { nope: true }, fault: true });
    checkKeapAnswer({ provider: 'keap', method: 'GET', path: '/crm/rest/v2/contacts', status: 401, body: { fault: { faultstring: 'Invalid Access Token' } }, fault: false });

    expect(takeRequestViolations()).toEqual([]);
  });

  describe('through the real app', () => {
    const ctx = useIntegration();

    it('checks every v2 answer a Keap upsert receives', async () => {
      const before = checkedKeapAnswers();
      await run(ctx, ctx.keap, ops.upsertContact, { email: 'ada@example.com', first_name: 'Ada', country_code: 'USA', region: 'Arizona' });

      expect(checkedKeapAnswers() - before).toBeGreaterThanOrEqual(3);
    });
  });
});
