import nock from 'nock';
import { createAppTester, type Bundle, type ZObject } from 'zapier-platform-core';
import App from '../../index';
import { KEAP_API } from '../../src/providers/keap/client';
import { SALESFORCE_API } from '../../src/providers/salesforce/client';
import { ONCEHUB_API } from '../../src/oncehub/client';

export const appTester = createAppTester(App);

/** Runs an arbitrary function with the real app's `z` (middleware included), as a step would. */
export const runWithApp = <T>(fn: (z: ZObject, bundle: Bundle) => Promise<T>, bundle: Partial<Bundle> = {}) =>
  appTester(fn as never, { meta: {}, ...bundle } as never) as Promise<T>;

export const keapAuth = {
  crm: 'keap',
  access_token: 'keap-access-token',
  refresh_token: 'keap-refresh-token',
  app_name: 'cb262',
  issued_at: '1700000000000',
};

export const salesforceAuth = {
  crm: 'salesforce',
  access_token: 'sf-access-token',
  refresh_token: 'sf-refresh-token',
  instance_url: 'https://acme.my.salesforce.com',
  id: 'https://login.salesforce.com/id/00D000000000001EAA/005000000000001AAA',
  issued_at: '1700000000000',
  salesforce_environment: 'production',
  login_url: 'https://login.salesforce.com',
};

/** Fails a test whose expected HTTP calls did not all happen (test/setup-nock.ts closes the network). */
export const useNock = () => {
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    if (pending.length) throw new Error(`expected HTTP calls that never happened: ${pending.join(', ')}`);
  });
};

/** Each API route by the name its requests carry, for tests that call `callApi` directly. */
export const API_ROUTES = { keap: KEAP_API, salesforce: SALESFORCE_API, oncehub: ONCEHUB_API } as const;
export type ApiName = keyof typeof API_ROUTES;
