import nock from 'nock';
import App from '../../../index';
import { appTester, salesforceAuth, useNock } from '../../helpers/app';

export { App, appTester, useNock };

export const API = '/services/data/v62.0';

/** The same org reached three ways: My Domain production, a sandbox, and a classic instance host. */
export const CONNECTIONS = {
  myDomain: salesforceAuth,
  sandbox: {
    ...salesforceAuth,
    instance_url: 'https://acme--uat.sandbox.my.salesforce.com',
    id: 'https://test.salesforce.com/id/00D000000000002EAA/005000000000002AAA',
    salesforce_environment: 'sandbox',
  },
  classic: { ...salesforceAuth, instance_url: 'https://na85.salesforce.com' },
};
export type Connection = (typeof CONNECTIONS)[keyof typeof CONNECTIONS];

export const sf = (auth: Connection = CONNECTIONS.myDomain) => nock(auth.instance_url);

export type DescribeName =
  | 'lead'
  | 'lead-text-address'
  | 'contact'
  | 'contact-text-address'
  | 'account'
  | 'account-person'
  | 'event'
  | 'event-plain'
  | 'case';

export const describeFixture = (name: DescribeName): Record<string, unknown> => require(`./fixtures/describe/${name}.json`);

export const mockDescribe = (object: string, name: DescribeName, auth: Connection = CONNECTIONS.myDomain) =>
  sf(auth).get(`${API}/sobjects/${object}/describe`).reply(200, describeFixture(name));

/** UI API picklist values of one record type (fixtures/picklist-values/<object>-<name>.json). */
export const mockRecordTypePicklists = (object: string, recordTypeId: string, name: string, auth: Connection = CONNECTIONS.myDomain) =>
  sf(auth).get(`${API}/ui-api/object-info/${object}/picklist-values/${recordTypeId}`).reply(200, require(`./fixtures/picklist-values/${name}.json`));

export const records = (type: string, rows: Array<Record<string, unknown>>) => ({
  totalSize: rows.length,
  done: true,
  records: rows.map((row) => ({ attributes: { type, url: `${API}/sobjects/${type}/${String(row.Id)}` }, ...row })),
});

export type Sub = { referenceId: string; httpStatusCode: number; body: unknown };
export const compositeReply = (subs: Sub[]) => ({
  compositeResponse: subs.map((sub) => ({ ...sub, httpHeaders: {} })),
});

export type CompositeBody = {
  allOrNone: boolean;
  compositeRequest: Array<{ referenceId: string; method: string; url: string; body?: Record<string, unknown> }>;
};

/** Records each composite request body so a test can assert the exact sub-requests. */
export const expectComposite = (reply: (body: CompositeBody) => Sub[], auth: Connection = CONNECTIONS.myDomain) => {
  const bodies: CompositeBody[] = [];
  sf(auth)
    .post(`${API}/composite`, (body: CompositeBody) => {
      bodies.push(body);
      return true;
    })
    .reply(200, (_uri, body) => compositeReply(reply(body as CompositeBody)));
  return bodies;
};

/** The SOQL text of a composite query sub-request. */
export const soqlOf = (url: string): string => {
  const [path, query] = url.split('?q=');
  expect(path).toBe(`${API}/query`);
  return decodeURIComponent(query ?? '');
};

/** Captures JSON bodies sent to one endpoint. */
export const bodiesOf = () => {
  const bodies: Array<Record<string, unknown>> = [];
  return {
    bodies,
    matcher: (body: Record<string, unknown>) => {
      bodies.push(body);
      return true;
    },
  };
};

/** Runs a perform with a Salesforce connection; `cold` clears z.cache first, as a fresh worker would. */
export const runStep = <T = Record<string, unknown>>(
  perform: unknown,
  inputData: Record<string, unknown>,
  { auth = CONNECTIONS.myDomain, cold = true, page }: { auth?: Connection; cold?: boolean; page?: number } = {},
) => appTester(perform as never, { authData: auth, inputData, meta: page === undefined ? {} : { page } } as never, cold) as Promise<T>;

/** Keys the app has put in the appTester's in-memory z.cache. */
export const cachedKeys = (): string[] => Object.keys((appTester as unknown as { zcacheTestObj: object }).zcacheTestObj).sort();

/**
 * The connected user's name, for steps that output a record they created (its owner): answered
 * when asked and not required, since the name is remembered once read.
 */
export const OWNER_NAME = 'Grace Hopper';
export const mockOwnerName = (auth: Connection = CONNECTIONS.myDomain) => {
  const userId = String(auth.id).split('/').at(-1)!;
  sf(auth)
    .get(`${API}/query`)
    .query((query) => /^SELECT Id, Name FROM User WHERE Id IN /.test(String(query.q)))
    .optionally()
    .reply(200, records('User', [{ Id: userId, Name: OWNER_NAME }]));
};
