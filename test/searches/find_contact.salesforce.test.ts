import { rejection } from '../helpers/errors';
import { runWithApp } from '../helpers/app';
import { salesforceProvider } from '../../src/providers/salesforce';
import { API, App, cachedKeys, CONNECTIONS, expectComposite, records, runStep, sf, soqlOf, useNock, type Sub } from '../providers/salesforce/support';
import { contextFor } from '../../src/providers';

const perform = App.searches.find_contact.operation.perform;

const CONTACT_SELECT = 'SELECT Id, FirstName, LastName, Email, AccountId, OwnerId, Owner.Name, LastModifiedDate FROM Contact';
const LEAD_SELECT = 'SELECT Id, FirstName, LastName, Email, Company, Status, OwnerId, Owner.Name, LastModifiedDate FROM Lead';
const PERSON_SELECT = 'SELECT Id, FirstName, LastName, PersonEmail, PersonContactId, OwnerId, Owner.Name, LastModifiedDate FROM Account';
const ORDER = 'ORDER BY LastModifiedDate DESC LIMIT 25';

const contactRow = (Id: string, LastModifiedDate: string, extra: Record<string, unknown> = {}) => ({
  Id,
  FirstName: 'Ada',
  LastName: 'Lovelace',
  Email: 'ada@example.com',
  AccountId: '0015g00000Acme1AAA',
  OwnerId: '005000000000001AAA',
  Owner: { attributes: { type: 'User', url: '/services/data/v62.0/sobjects/User/005000000000001AAA' }, Name: 'Grace Hopper' },
  LastModifiedDate,
  ...extra,
});
const leadRow = (Id: string, LastModifiedDate: string) => ({
  Id,
  FirstName: 'Ada',
  LastName: 'Lovelace',
  Email: 'Ada@Example.com',
  Company: 'Analytical Engines',
  Status: 'Open - Not Contacted',
  OwnerId: '005000000000001AAA',
  LastModifiedDate,
});
const personRow = (Id: string, PersonContactId: string, LastModifiedDate: string) => ({
  Id,
  FirstName: 'Ada',
  LastName: 'Lovelace',
  PersonEmail: 'ada@example.com',
  PersonContactId,
  OwnerId: '005000000000001AAA',
  LastModifiedDate,
});
const ok = (referenceId: string, type: string, rows: Array<Record<string, unknown>>): Sub => ({ referenceId, httpStatusCode: 200, body: records(type, rows) });
const noPersonAccounts: Sub = {
  referenceId: 'PersonAccount',
  httpStatusCode: 400,
  body: [
    {
      message:
        "LastModifiedDate FROM Account WHERE IsPersonAccount = true AND PersonEmail\n ^\nERROR at Row:1:Column:118\nNo such column 'IsPersonAccount' on entity 'Account'.",
      errorCode: 'INVALID_FIELD',
    },
  ],
};

describe('Find Contact by Email (Salesforce)', () => {
  useNock();

  it('asks for Contacts, Person Accounts and unconverted Leads in one composite call, Contacts first, newest first', async () => {
    const calls = expectComposite(() => [
      ok('Contact', 'Contact', [contactRow('0035g0000Newer1AAA', '2026-11-20T10:00:00.000+0000'), contactRow('0035g0000Older1AAA', '2026-01-02T10:00:00.000+0000')]),
      noPersonAccounts,
      ok('Lead', 'Lead', [leadRow('00Q5g0000Lead01AAA', '2026-11-22T10:00:00.000+0000')]),
    ]);

    const result = await runStep<Array<Record<string, unknown>>>(perform, { email: ' Ada@Example.com ' });

    expect(calls).toHaveLength(1);
    expect(calls[0]!.allOrNone).toBe(false);
    expect(calls[0]!.compositeRequest.map((sub) => [sub.referenceId, sub.method, soqlOf(sub.url)])).toEqual([
      ['Contact', 'GET', `${CONTACT_SELECT} WHERE Email = 'ada@example.com' ${ORDER}`],
      ['PersonAccount', 'GET', `${PERSON_SELECT} WHERE IsPersonAccount = true AND PersonEmail = 'ada@example.com' ${ORDER}`],
      ['Lead', 'GET', `${LEAD_SELECT} WHERE Email = 'ada@example.com' AND IsConverted = false ${ORDER}`],
    ]);
    expect(result.map((r) => [r.object_type, r.id])).toEqual([
      ['Contact', '0035g0000Newer1AAA'],
      ['Contact', '0035g0000Older1AAA'],
      ['Lead', '00Q5g0000Lead01AAA'],
    ]);
    expect(result[0]).toEqual({
      id: '0035g0000Newer1AAA',
      crm: 'salesforce',
      object_type: 'Contact',
      created: false,
      email: 'ada@example.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
      url: 'https://acme.my.salesforce.com/lightning/r/Contact/0035g0000Newer1AAA/view',
      owner_id: '005000000000001AAA',
      owner_name: 'Grace Hopper',
      account_id: '0015g00000Acme1AAA',
      company: null,
      lead_status: null,
      person_contact_id: null,
      last_modified_date: '2026-11-20T10:00:00.000+0000',
    });
    expect(result[2]).toMatchObject({ object_type: 'Lead', company: 'Analytical Engines', lead_status: 'Open - Not Contacted', email: 'Ada@Example.com' });
  });

  const invalidField = (window: string, column: string): Sub => ({
    referenceId: 'PersonAccount',
    httpStatusCode: 400,
    body: [
      {
        message: `\n${window}\n           ^\nERROR at Row:1:Column:12\nNo such column '${column}' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`,
        errorCode: 'INVALID_FIELD',
      },
    ],
  });

  it('reads the column Salesforce names, not the window of the query it echoes, to learn the org has no Person Accounts', async () => {
    // The window holds none of IsPersonAccount, PersonEmail or PersonContactId.
    expectComposite(() => [ok('Contact', 'Contact', []), invalidField('SELECT Id, FirstName, LastName,', 'FirstName'), ok('Lead', 'Lead', [])]);
    expect(await runStep(perform, { email: 'ada@example.com' })).toEqual([]);

    const second = expectComposite(() => [ok('Contact', 'Contact', []), ok('Lead', 'Lead', [])]);
    await runStep(perform, { email: 'ada@example.com' }, { cold: false });
    expect(second[0]!.compositeRequest.map((sub) => sub.referenceId)).toEqual(['Contact', 'Lead']);
  });

  it('does not mistake a missing ordinary column for an org without Person Accounts', async () => {
    expectComposite(() => [ok('Contact', 'Contact', []), invalidField('SELECT Id, OwnerId, PersonEmail,', 'OwnerId'), ok('Lead', 'Lead', [])]);

    const error = await rejection(runStep(perform, { email: 'ada@example.com' }));

    expect(error.message).toContain("No such column 'OwnerId' on entity 'Account'");
  });

  it('remembers that the org has no Person Accounts, so the next search leaves that query out', async () => {
    expectComposite(() => [ok('Contact', 'Contact', []), noPersonAccounts, ok('Lead', 'Lead', [])]);
    expect(await runStep(perform, { email: 'ada@example.com' })).toEqual([]);

    const second = expectComposite(() => [ok('Contact', 'Contact', []), ok('Lead', 'Lead', [])]);
    expect(await runStep(perform, { email: 'ada@example.com' }, { cold: false })).toEqual([]);
    expect(second[0]!.compositeRequest.map((sub) => sub.referenceId)).toEqual(['Contact', 'Lead']);

    const error = await rejection(runStep(perform, { email: 'ada@example.com', record_type: 'PersonAccount' }, { cold: false }));
    expect(error.message).toBe('This Salesforce org does not use Person Accounts. Set Record Type (record_type) to Any, Contact or Lead.');
  });

  it('returns a Person Account once (not also its person contact), ordered with Contacts by last change, on a sandbox', async () => {
    const auth = CONNECTIONS.sandbox;
    const calls = expectComposite(
      () => [
        ok('Contact', 'Contact', [
          contactRow('0035g0000Person1AA', '2026-11-21T09:00:00.000+0000', { AccountId: '0015g0000Person1AA' }),
          contactRow('0035g0000Plain01AA', '2026-11-01T09:00:00.000+0000'),
        ]),
        ok('PersonAccount', 'Account', [personRow('0015g0000Person1AA', '0035g0000Person1AA', '2026-11-21T09:00:00.000+0000')]),
        ok('Lead', 'Lead', [leadRow('00Q5g0000Lead01AAA', '2026-11-22T10:00:00.000+0000')]),
      ],
      auth,
    );

    const result = await runStep<Array<Record<string, unknown>>>(perform, { email: 'ada@example.com' }, { auth });

    expect(calls).toHaveLength(1);
    expect(result.map((r) => [r.object_type, r.id])).toEqual([
      ['PersonAccount', '0015g0000Person1AA'],
      ['Contact', '0035g0000Plain01AA'],
      ['Lead', '00Q5g0000Lead01AAA'],
    ]);
    expect(result[0]).toMatchObject({
      email: 'ada@example.com',
      person_contact_id: '0035g0000Person1AA',
      url: 'https://acme--uat.sandbox.my.salesforce.com/lightning/r/Account/0015g0000Person1AA/view',
    });
  });

  it.each([
    ['Lead', ['Lead']],
    ['Contact', ['Contact']],
    ['PersonAccount', ['PersonAccount']],
  ])('record type %s queries only %j', async (recordType, refs) => {
    const calls = expectComposite((body) => body.compositeRequest.map((sub) => ok(sub.referenceId, sub.referenceId, [])));
    expect(await runStep(perform, { email: 'ada@example.com', record_type: recordType })).toEqual([]);
    expect(calls[0]!.compositeRequest.map((sub) => sub.referenceId)).toEqual(refs);
  });

  it('keeps a quote in the email inside its SOQL literal, end to end', async () => {
    const calls = expectComposite(() => [ok('Lead', 'Lead', [])]);
    await runStep(perform, { email: "o'brien_100@example.com", record_type: 'Lead' });
    expect(soqlOf(calls[0]!.compositeRequest[0]!.url)).toBe(`${LEAD_SELECT} WHERE Email = 'o\\'brien_100@example.com' AND IsConverted = false ${ORDER}`);
  });

  it.each([
    ["x\\' OR Email != '@example.com", "'x\\\\\\' OR Email != \\'@example.com'"],
    ['100%_off@example.com', "'100%_off@example.com'"],
    ['zoë.ünïcødé@exämple.com', "'zoë.ünïcødé@exämple.com'"],
    ['a"b\nc@example.com', "'a\\\"b\\nc@example.com'"],
  ])('escapes the hostile email %j in the provider query', async (email, literal) => {
    const calls = expectComposite(() => [ok('Contact', 'Contact', [])]);
    await runWithApp((z, bundle) => salesforceProvider.findContacts(contextFor(z, { ...bundle, inputData: { record_type: 'Contact' } }), { email }), { authData: CONNECTIONS.myDomain } as never);
    expect(soqlOf(calls[0]!.compositeRequest[0]!.url)).toBe(`${CONTACT_SELECT} WHERE Email = ${literal} ${ORDER}`);
  });

  it('words a failed sub-query with the Salesforce error mapper', async () => {
    expectComposite(() => [
      ok('Contact', 'Contact', []),
      noPersonAccounts,
      { referenceId: 'Lead', httpStatusCode: 403, body: [{ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'insufficient access rights on object id' }] },
    ]);
    const error = await rejection(runStep(perform, { email: 'ada@example.com' }));
    expect(error.message).toBe(
      'Salesforce could not search Lead records by email: The connected Salesforce user is not allowed to do this: insufficient access rights on object id. Ask your admin for access, or reconnect as a user who has it.',
    );
  });

  it('turns the daily API limit into a retry later', async () => {
    sf().post(`${API}/composite`).reply(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    const error = await rejection(runStep(perform, { email: 'ada@example.com' }));
    expect(error.name).toBe('ThrottledError');
    expect(error.message).toContain('Salesforce API request limit reached (TotalRequests Limit exceeded.)');
  });

  it('rejects an invalid email before calling Salesforce', async () => {
    const error = await rejection(runStep(perform, { email: 'not an email' }));
    expect(error.message).toContain('Email (email) is not an email address');
  });

  it('keeps z.cache per connection: a sandbox does not reuse what production learned', async () => {
    expectComposite(() => [ok('Contact', 'Contact', []), noPersonAccounts, ok('Lead', 'Lead', [])]);
    await runStep(perform, { email: 'ada@example.com' });
    const sandbox = expectComposite(() => [ok('Contact', 'Contact', []), noPersonAccounts, ok('Lead', 'Lead', [])], CONNECTIONS.sandbox);
    await runStep(perform, { email: 'ada@example.com' }, { cold: false, auth: CONNECTIONS.sandbox });
    expect(sandbox[0]!.compositeRequest.map((sub) => sub.referenceId)).toEqual(['Contact', 'PersonAccount', 'Lead']);
    expect(cachedKeys()).toEqual(
      expect.arrayContaining([
        'salesforce:v62.0:https://acme.my.salesforce.com|00D000000000001EAA/005000000000001AAA:person-accounts',
        'salesforce:v62.0:https://acme--uat.sandbox.my.salesforce.com|00D000000000002EAA/005000000000002AAA:person-accounts',
      ]),
    );
  });
});
