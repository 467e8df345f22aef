import nock from 'nock';
import { createAppTester } from 'zapier-platform-core';
import App from '../../../index';
import { keapV2Errors } from '../../contract/keap-v2';

/** Shared setup for Keap tests: the real app, Keap's host, fixtures and contract-checked bodies. */

export const appTester = createAppTester(App);

export const keapAuth = {
  crm: 'keap',
  access_token: 'keap-access-token',
  refresh_token: 'keap-refresh-token',
  app_name: 'cb262',
  issued_at: '1700000000000',
};

export const KEAP_HOST = 'https://api.infusionsoft.com';
export const REST = '/crm/rest';
export const WEB_APP = 'https://cb262.infusionsoft.com';

/** Every Keap call must carry the connection's token. */
export const keapApi = () => nock(KEAP_HOST).matchHeader('authorization', 'Bearer keap-access-token');

export const fixture = <T = Record<string, unknown>>(name: string): T =>
  JSON.parse(JSON.stringify(require(`./fixtures/${name}.json`))) as T;

/** Contract violations found in captured bodies; useKeapNock fails the test on any. */
const violations: string[] = [];

/**
 * A nock body matcher that records what was sent and checks v2 bodies against the official
 * spec schema (`components.schemas.<schema>`).
 */
export const captured = (schema?: string) => {
  const bodies: Array<Record<string, unknown>> = [];
  const matcher = (body: Record<string, unknown>) => {
    if (schema) violations.push(...keapV2Errors(schema, body).map((error) => `${schema}: ${error}`));
    bodies.push(body);
    return true;
  };
  return { bodies, matcher };
};

/** Fails a test whose expected calls did not all happen or whose bodies broke the contract. */
export const useKeapNock = () => {
  beforeEach(() => {
    nock.disableNetConnect();
    violations.length = 0;
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    if (pending.length) throw new Error(`expected HTTP calls that never happened: ${pending.join(', ')}`);
    if (violations.length) throw new Error(`request bodies break the Keap v2 spec:\n${violations.join('\n')}`);
  });
};

/** Mocks the reads every upsert with an address and default contact type needs. */
export const mockLocales = (country = 'USA') => {
  keapApi().get(`${REST}/v2/locales/countries`).query(true).reply(200, fixture('countries'));
  keapApi().get(`${REST}/v2/locales/countries/${country}/provinces`).query(true).reply(200, fixture('provinces-usa'));
};
