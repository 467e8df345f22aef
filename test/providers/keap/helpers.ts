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

/** The spec schema each v2 write must satisfy; a v2 write not listed here fails the test. */
const V2_WRITE_SCHEMAS: Array<[string, RegExp, string]> = [
  ['POST', /\/v2\/contacts$/, 'CreateUpdateContactRequest'],
  ['PATCH', /\/v2\/contacts\/\d+$/, 'CreateUpdateContactRequest'],
  ['POST', /\/v2\/leadSources$/, 'CreateLeadSourceRequest'],
  ['POST', /\/v2\/leadSourceCategories$/, 'CreateUpdateLeadSourceCategoryRequest'],
  ['POST', /\/v2\/tags$/, 'CreateUpdateTagRequest'],
  ['POST', /\/v2\/tags\/categories$/, 'CreateUpdateTagCategoryRequest'],
  ['POST', /\/v2\/tasks$/, 'CreateTaskRequest'],
  ['PATCH', /\/v2\/tasks\/\d+$/, 'CreateUpdateTaskRequest'],
];

/** Contract violations found in sent bodies; useKeapNock fails the test on any. */
const violations: string[] = [];

const checkContract = (method: string, path: string, body: string) => {
  const route = path.split('?')[0]!;
  if (!route.includes('/v2/') || method === 'GET' || method === 'DELETE') return;
  const schema = V2_WRITE_SCHEMAS.find(([m, pattern]) => m === method && pattern.test(route))?.[2];
  if (!schema) {
    violations.push(`${method} ${route}: no spec schema mapped for this v2 write`);
    return;
  }
  violations.push(...keapV2Errors(schema, JSON.parse(body || '{}')).map((error) => `${method} ${route} (${schema}): ${error}`));
};

/**
 * Keap's host, requiring the connection's token; every v2 body sent through it is checked
 * against the official spec (`components.schemas.<Name>`).
 */
export const keapApi = () =>
  nock(KEAP_HOST)
    .matchHeader('authorization', 'Bearer keap-access-token')
    .on('request', (req: { method?: string; path?: string }, _interceptor: unknown, body: string) =>
      checkContract(String(req.method), String(req.path), body),
    );

export const fixture = <T = Record<string, unknown>>(name: string): T =>
  JSON.parse(JSON.stringify(require(`./fixtures/${name}.json`))) as T;

/** Hands over (and clears) the violations recorded so far: for the helper's own test. */
export const takeContractViolations = (): string[] => violations.splice(0);

/** A nock body matcher that records what was sent. */
export const captured = () => {
  const bodies: Array<Record<string, unknown>> = [];
  const matcher = (body: Record<string, unknown>) => {
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

/**
 * The lists a contact output's names come from (lead sources, users, tags), answered when asked
 * and not required: for tests of steps that output a contact. Exact queries, so a filtered lead
 * source lookup in the same test still meets its own interceptor.
 */
export const LEAD_SOURCE_DIRECTORY = { lead_sources: [{ id: '31', name: 'Sales Page > Intro Call > Ada Booking' }], next_page_token: '' };
export const mockNameDirectories = () => {
  keapApi().get(`${REST}/v2/leadSources`).query({ page_size: '1000' }).optionally().reply(200, LEAD_SOURCE_DIRECTORY);
  keapApi().get(`${REST}/v2/users`).query({ page_size: '100' }).optionally().reply(200, fixture('users'));
  keapApi().get(`${REST}/v2/tags`).query({ page_size: '1000' }).optionally().reply(200, fixture('tags'));
};
