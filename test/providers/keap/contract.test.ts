import { callApi } from '../../../src/http/api';
import { KEAP_API } from '../../../src/providers/keap/client';
import { keapV2Errors } from '../../contract/keap-v2';
import { appTester, keapApi, keapAuth, REST, takeContractViolations, useKeapNock } from './helpers';

describe('Keap v2 contract helper', () => {
  it('accepts a valid contact body', () => {
    expect(
      keapV2Errors('CreateUpdateContactRequest', {
        email_addresses: [{ email: 'a@example.com', field: 'EMAIL1' }],
        addresses: [{ field: 'BILLING', country_code: 'USA', region_code: 'US-AZ' }],
      }),
    ).toEqual([]);
  });

  it('rejects a wrong type, a bad enum and an unknown key, nested too', () => {
    const errors = keapV2Errors('CreateUpdateContactRequest', {
      given_name: 5,
      email_addresses: [{ email: 'a@example.com', field: 'PRIMARY' }],
      addresses: [{ field: 'BILLING', region: 'x', state: 'AZ' }],
      lead_source_id: '1',
    });
    expect(errors.join('\n')).toMatch(/given_name must be string/);
    expect(errors.join('\n')).toMatch(/field must be equal to one of the allowed values/);
    expect(errors).toContain('/addresses/0/state is not a property of Address');
    expect(errors).toContain('/lead_source_id is not a property of CreateUpdateContactRequest');
  });

  it('enforces required properties', () => {
    expect(keapV2Errors('CreateTaskRequest', { title: 'x' }).join()).toMatch(/assigned_to_user_id/);
  });
});

describe('contract check on every Keap v2 write', () => {
  useKeapNock();

  const send = (method: 'POST' | 'PATCH', url: string, json: unknown) =>
    appTester((z, bundle) => callApi(z, bundle, KEAP_API, { url, method, json }).then((r) => r.status), {
      authData: keapAuth,
      meta: {},
    } as never);

  it('records a body that breaks the spec, and a v2 write with no schema mapped', async () => {
    keapApi().post(`${REST}/v2/tasks`).reply(201, {});
    keapApi().post(`${REST}/v2/contacts:merge`).reply(200, {});
    keapApi().patch(`${REST}/v2/tasks/12`).reply(200, {});
    await send('POST', '/v2/tasks', { title: 'No assignee', priority: 'LOW' });
    await send('POST', '/v2/contacts:merge', {});
    await send('PATCH', '/v2/tasks/12', { title: 'ok' });
    const violations = takeContractViolations();
    expect(violations).toEqual([
      expect.stringContaining("POST /crm/rest/v2/tasks (CreateTaskRequest): / must have required property 'assigned_to_user_id'"),
      expect.stringContaining('POST /crm/rest/v2/tasks (CreateTaskRequest): /priority must be equal to one of the allowed values'),
      'POST /crm/rest/v2/contacts:merge: no spec schema mapped for this v2 write',
    ]);
  });
});
