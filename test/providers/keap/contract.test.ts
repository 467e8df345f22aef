import { keapV2Errors } from '../../contract/keap-v2';

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
