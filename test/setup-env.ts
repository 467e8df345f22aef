// Every test starts from the production defaults and fake client credentials; no test reaches a real host.
process.env.KEAP_CLIENT_ID = 'keap-client-id';
process.env.KEAP_CLIENT_SECRET = 'keap-client-secret';
process.env.SALESFORCE_CLIENT_ID = 'sf-client-id';
process.env.SALESFORCE_CLIENT_SECRET = 'sf-client-secret';
for (const name of [
  'KEAP_API_BASE_URL',
  'KEAP_AUTH_BASE_URL',
  'KEAP_TOKEN_URL',
  'KEAP_WEB_APP_URL',
  'SALESFORCE_LOGIN_URL',
  'SALESFORCE_SANDBOX_LOGIN_URL',
  'ONCEHUB_API_BASE_URL',
]) {
  delete process.env[name];
}
