import { findLeaks, FIXTURE_SECRETS } from './known';

describe('secrets scan', () => {
  it('finds a secret anywhere in a log line', () => {
    expect(findLeaks('GET /v2/tags\nAuthorization: Bearer keap-access-token\n', FIXTURE_SECRETS)).toEqual(['keap-access-token']);
  });

  it('finds a secret written URL-encoded in a query string or form body', () => {
    const token = '00D8d000001SBXE!AQ4AQ/x+y z';
    expect(findLeaks(`refresh_token=${encodeURIComponent(token)}&grant_type=refresh_token`, [token])).toEqual([token]);
    expect(findLeaks(`body: ${new URLSearchParams({ refresh_token: token })}`, [token])).toEqual([token]);
  });

  it('passes scrubbed logs', () => {
    expect(findLeaks('Authorization: Bearer :censored:17:a857e9d80f:', FIXTURE_SECRETS)).toEqual([]);
  });

  it('sees what this very test file logs through the capture', () => {
    console.log('capture probe: nothing secret here');
    expect(process.env.TEST_LOG_CAPTURE_DIR).toBeTruthy();
  });
});
