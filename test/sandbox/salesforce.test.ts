import { type Sandbox } from '../../sandbox';
import { startCheckedSandbox } from '../helpers/checked-sandbox';
import { api, authorize } from './helpers';

let sandbox: Sandbox;
let sf: ReturnType<typeof api>;
beforeAll(async () => {
  sandbox = await startCheckedSandbox();
  sf = api(`${sandbox.url}/salesforce/services/data/v62.0`, (await authorize(sandbox, 'salesforce')).access_token!);
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  sandbox.configure({ salesforce: { statePicklists: false, personAccounts: false, duplicateRules: false, requireRegion: false, topics: ['Account', 'Contact', 'Lead', 'Case'] } });
});

const soql = (q: string) => sf('GET', `/query?q=${encodeURIComponent(q)}`);
/** The SOQL string-literal escaping the connector must do: backslash first, then quotes and control characters. */
const literal = (value: string) =>
  `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;

describe('Salesforce record types', () => {
  it('lists each record type as a RecordType row, person types marked', async () => {
    sandbox.configure({ salesforce: { personAccounts: true } });
    const rows = await soql("SELECT Id, Name, IsPersonType FROM RecordType WHERE SobjectType = 'Account' AND IsActive = true ORDER BY Name");
    expect(rows.json.records.map((r: { Name: string; IsPersonType: boolean }) => [r.Name, r.IsPersonType])).toEqual([
      ['Business Account', false],
      ['Person Account', true],
    ]);
  });

  it('answers the UI API picklist values of a record type: only the values it offers, and its default', async () => {
    const describe = await sf('GET', '/sobjects/Case/describe');
    const request = describe.json.recordTypeInfos.find((rt: { name: string }) => rt.name === 'Booking Request');
    const values = await sf('GET', `/ui-api/object-info/Case/picklist-values/${request.recordTypeId}`);
    expect(values.status).toBe(200);
    expect(values.json.picklistFieldValues.Origin.values).toEqual([{ attributes: null, label: 'Web', validFor: [], value: 'Web' }]);
    expect(values.json.picklistFieldValues.Status.values.map((v: { value: string }) => v.value)).toEqual(['New', 'Working', 'Closed']);
    expect(values.json.picklistFieldValues.Status.defaultValue).toMatchObject({ value: 'New' });
    const master = await sf('GET', '/ui-api/object-info/Case/picklist-values/012000000000000AAA');
    expect(master.json.picklistFieldValues.Origin.values.map((v: { value: string }) => v.value)).toEqual(['Phone', 'Email', 'Web']);
    expect((await sf('GET', '/ui-api/object-info/Case/picklist-values/012000000000099AAA')).status).toBe(404);
    expect((await sf('GET', '/ui-api/object-info/Event/picklist-values/012000000000000AAA')).json[0].errorCode).toBe('INVALID_TYPE');
  });
});

describe('Salesforce records', () => {
  it('creates, reads, updates and deletes with Salesforce shapes', async () => {
    const created = await sf('POST', '/sobjects/Lead', { LastName: 'Lovelace', Company: 'Analytical Engines', Email: 'ada@example.com' });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ id: expect.stringMatching(/^00Q[A-Za-z0-9]{15}$/), success: true, errors: [] });
    const read = await sf('GET', `/sobjects/Lead/${created.json.id}`);
    expect(read.json).toMatchObject({ attributes: { type: 'Lead' }, Status: 'Open - Not Contacted', Name: 'Lovelace', IsConverted: false });
    expect(read.json.CreatedDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    expect((await sf('PATCH', `/sobjects/Lead/${created.json.id}`, { FirstName: 'Ada' })).status).toBe(204);
    expect((await sf('GET', `/sobjects/Lead/${created.json.id}?fields=Name`)).json.Name).toBe('Ada Lovelace');
    expect((await sf('DELETE', `/sobjects/Lead/${created.json.id}`)).status).toBe(204);
    expect((await sf('GET', `/sobjects/Lead/${created.json.id}`)).status).toBe(404);
    expect(created.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/15000$/);
  });

  it('validates like Salesforce', async () => {
    const missing = await sf('POST', '/sobjects/Lead', { FirstName: 'Ada' });
    expect(missing.json).toEqual([{ message: 'Required fields are missing: [LastName, Company]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName', 'Company'] }]);
    expect((await sf('POST', '/sobjects/Contact', { LastName: 'X', Email: 'nope' })).json[0].errorCode).toBe('INVALID_EMAIL_ADDRESS');
    expect((await sf('POST', '/sobjects/Contact', { LastName: 'X', Foo__c: 1 })).json[0]).toMatchObject({ errorCode: 'INVALID_FIELD' });
    const contact = await sf('POST', '/sobjects/Contact', { LastName: 'Doe', Email: 'doe@example.com' });
    const lead = await sf('POST', '/sobjects/Lead', { LastName: 'Lead', Company: 'Co' });
    const account = await sf('POST', '/sobjects/Account', { Name: 'Acme' });
    const event = { Subject: 'Demo', StartDateTime: '2030-05-01T15:00:00Z' };
    expect((await sf('POST', '/sobjects/Event', { ...event, WhoId: contact.json.id })).json[0]).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING', fields: ['EndDateTime'] });
    expect((await sf('POST', '/sobjects/Event', { ...event, DurationInMinutes: 30, WhoId: lead.json.id, WhatId: account.json.id })).json[0].errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    expect((await sf('POST', '/sobjects/Event', { ...event, DurationInMinutes: 30, WhoId: account.json.id })).json[0].errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    expect((await sf('POST', '/sobjects/Event', { ...event, DurationInMinutes: 30, Event_Status__c: 'Lost' })).json[0].errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    // Lead Source is unrestricted out of the box: any value is stored, inactive and unknown ones alike.
    const sourced = await sf('POST', '/sobjects/Lead', { LastName: 'L', Company: 'C', LeadSource: 'Carrier Pigeon', Rating: 'Frozen' });
    expect(sandbox.state.salesforce.record(sourced.json.id)).toMatchObject({ LeadSource: 'Carrier Pigeon', Rating: 'Frozen' });
    const ok = await sf('POST', '/sobjects/Event', { ...event, DurationInMinutes: 30, WhoId: contact.json.id, Event_Status__c: 'Scheduled', OnceHub_Booking_ID__c: 'BKNG-1' });
    expect(ok.status).toBe(201);
    await sf('PATCH', `/sobjects/Event/${ok.json.id}`, { StartDateTime: '2030-05-02T15:00:00Z', Event_Status__c: 'Rescheduled' });
    const moved = await sf('GET', `/sobjects/Event/${ok.json.id}`);
    expect(moved.json.EndDateTime).toBe('2030-05-02T15:30:00.000+0000');
    expect(sandbox.state.salesforce.eventHistory(ok.json.id).map((h) => h.status)).toEqual(['Scheduled', 'Rescheduled']);
  });

  it('describes objects with custom fields, inactive picklist values and a configurable required field', async () => {
    const lead = await sf('GET', '/sobjects/Lead/describe');
    const field = (name: string) => lead.json.fields.find((f: { name: string }) => f.name === name);
    expect(field('Company')).toMatchObject({ createable: true, nillable: false, defaultedOnCreate: false });
    expect(field('LeadSource').picklistValues).toContainEqual(expect.objectContaining({ active: false }));
    expect(field('Region__c')).toMatchObject({ custom: true, nillable: true });
    sandbox.configure({ salesforce: { requireRegion: true } });
    const strict = await sf('GET', '/sobjects/Lead/describe');
    expect(strict.json.fields.find((f: { name: string }) => f.name === 'Region__c').nillable).toBe(false);
    expect((await sf('POST', '/sobjects/Lead', { LastName: 'L', Company: 'C' })).json[0].fields).toEqual(['Region__c']);
    const event = await sf('GET', '/sobjects/Event/describe');
    const status = event.json.fields.find((f: { name: string }) => f.name === 'Event_Status__c');
    expect(status.restrictedPicklist).toBe(true);
    expect(status.picklistValues.filter((p: { active: boolean }) => p.active).map((p: { value: string }) => p.value)).toContain('Rescheduled (Reassigned by User)');
    expect(event.json.fields.find((f: { name: string }) => f.name === 'OnceHub_Booking_ID__c').externalId).toBe(true);
    for (const name of ['Contact', 'Account', 'Case', 'Topic', 'TopicAssignment']) expect((await sf('GET', `/sobjects/${name}/describe`)).status).toBe(200);
  });
});

describe('SOQL', () => {
  it('escapes string literals and matches = case-insensitively', async () => {
    const tricky = "o'brien\\x\"y@example.com";
    await sf('POST', '/sobjects/Contact', { LastName: "O'Brien", Email: 'plain@example.com', Description: tricky });
    await sf('POST', '/sobjects/Contact', { LastName: "O'Brien", Title: tricky });
    const found = await soql(`SELECT Id, Title FROM Contact WHERE Title = ${literal(tricky.toUpperCase())}`);
    expect(found.status).toBe(200);
    expect(found.json).toMatchObject({ totalSize: 1, done: true, records: [{ Title: tricky, attributes: { type: 'Contact' } }] });
    const lineBreak = await soql(`SELECT Id FROM Contact WHERE LastName = ${literal('a\nb')}`);
    expect(lineBreak.json.totalSize).toBe(0);
    const badEscape = await soql("SELECT Id FROM Contact WHERE LastName = 'a\\qb'");
    expect(badEscape.status).toBe(400);
    expect(badEscape.json[0].errorCode).toBe('MALFORMED_QUERY');
    const unescaped = await soql("SELECT Id FROM Contact WHERE LastName = 'O'Brien'");
    expect(unescaped.json[0].errorCode).toBe('MALFORMED_QUERY');
  });

  it('filters, orders, limits and reports unknown columns', async () => {
    await sf('POST', '/sobjects/Lead', { LastName: 'A', Company: 'C', Email: 'same@example.com' });
    await sf('POST', '/sobjects/Lead', { LastName: 'B', Company: 'C', Email: 'SAME@example.com' });
    await sf('POST', '/sobjects/Lead', { LastName: 'C', Company: 'C', Email: 'other@example.com' });
    const result = await soql("SELECT Id, LastName, Owner.Email FROM Lead WHERE Email = 'same@example.com' AND IsConverted = false ORDER BY LastName DESC LIMIT 1");
    expect(result.json.records).toHaveLength(1);
    expect(result.json.records[0]).toMatchObject({ LastName: 'B', Owner: { Email: expect.any(String) } });
    expect((await soql("SELECT Id FROM Lead WHERE Email IN ('other@example.com', 'x@y.z') OR LastName LIKE 'a%'")).json.totalSize).toBe(2);
    expect((await soql("SELECT Id FROM Lead WHERE Email != 'same@example.com'")).json.totalSize).toBe(1);
    expect((await soql('SELECT COUNT() FROM Lead')).json.totalSize).toBe(3);
    const unknown = await soql('SELECT Id, FullName FROM Lead');
    expect(unknown.status).toBe(400);
    expect(unknown.json[0]).toMatchObject({ errorCode: 'INVALID_FIELD', message: expect.stringContaining("No such column 'FullName' on entity 'Lead'") });

    // A long query is echoed only around the caret, as Salesforce does; the column named is what a client can rely on.
    const long = `SELECT Id, FirstName, LastName, PersonEmail, PersonContactId, OwnerId FROM Account WHERE IsPersonAccount = true AND PersonEmail = 'ada@example.com'`;
    const windowed = await sf('GET', `/query?q=${encodeURIComponent(long)}`);
    const message = String(windowed.json[0].message);
    expect(message).toContain("ERROR at Row:1:Column:12\nNo such column 'FirstName' on entity 'Account'");
    expect(message.split('\n')[1]).toBe('SELECT Id, FirstName, LastName,');
    expect(message).not.toContain('PersonEmail');
    expect((await soql("SELECT Id FROM Lead WHERE IsConverted = 'false'")).json[0].errorCode).toBe('INVALID_FIELD');
  });
});

describe('composite and org features', () => {
  it('runs sub-requests with references, and rolls back on allOrNone', async () => {
    const ok = await sf('POST', '/composite', {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: '/services/data/v62.0/sobjects/Contact', referenceId: 'c', body: { LastName: 'Doe', Email: 'd@x.com' } },
        { method: 'POST', url: '/services/data/v62.0/sobjects/Event', referenceId: 'e', body: { Subject: 'Demo', StartDateTime: '2030-05-01T15:00:00Z', DurationInMinutes: 30, WhoId: '@{c.id}' } },
        { method: 'GET', url: "/services/data/v62.0/query?q=SELECT+Id,WhoId+FROM+Event", referenceId: 'q' },
      ],
    });
    expect(ok.status).toBe(200);
    expect(ok.json.compositeResponse.map((r: { httpStatusCode: number }) => r.httpStatusCode)).toEqual([201, 201, 200]);
    expect(ok.json.compositeResponse[2].body.records[0].WhoId).toBe(ok.json.compositeResponse[0].body.id);

    const rolledBack = await sf('POST', '/composite', {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: '/services/data/v62.0/sobjects/Contact', referenceId: 'c2', body: { LastName: 'Roe' } },
        { method: 'POST', url: '/services/data/v62.0/sobjects/Lead', referenceId: 'l2', body: { LastName: 'NoCompany' } },
      ],
    });
    expect(rolledBack.json.compositeResponse[0]).toMatchObject({ httpStatusCode: 400, body: [{ errorCode: 'PROCESSING_HALTED' }] });
    expect(rolledBack.json.compositeResponse[1].body[0].errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect(sandbox.state.salesforce.records('Contact')).toHaveLength(1);
  });

  it('state/country picklists, person accounts, topics and duplicate rules', async () => {
    sandbox.configure({ salesforce: { statePicklists: true, personAccounts: true, duplicateRules: 'block', restrictLeadSource: true } });
    expect((await sf('POST', '/sobjects/Lead', { LastName: 'L', Company: 'C', LeadSource: 'Carrier Pigeon' })).json[0]).toMatchObject({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      fields: ['LeadSource'],
    });
    expect((await sf('POST', '/sobjects/Lead', { LastName: 'L', CountryCode: 'XX' })).json[0].errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    const lead = await sf('POST', '/sobjects/Lead', { LastName: 'L', Country: 'Canada', State: 'Ontario' });
    expect((await sf('GET', `/sobjects/Lead/${lead.json.id}`)).json).toMatchObject({ CountryCode: 'CA', StateCode: 'ON' });
    expect((await sf('POST', '/sobjects/Lead', { LastName: 'L', CountryCode: 'US', StateCode: 'ON' })).json[0].errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');

    const describe = await sf('GET', '/sobjects/Account/describe');
    const personType = describe.json.recordTypeInfos.find((rt: { developerName: string }) => rt.developerName === 'PersonAccount');
    const person = await sf('POST', '/sobjects/Account', { RecordTypeId: personType.recordTypeId, FirstName: 'Pat', LastName: 'Person', PersonEmail: 'pat@example.com' });
    expect(person.status).toBe(201);
    const pa = await soql("SELECT Id, PersonContactId FROM Account WHERE IsPersonAccount = true AND PersonEmail = 'PAT@example.com'");
    expect(pa.json.records[0].PersonContactId).toMatch(/^003/);

    const duplicate = await sf('POST', '/sobjects/Lead', { LastName: 'Pat', Company: 'C', Email: 'pat@example.com' });
    expect(duplicate.status).toBe(400);
    expect(duplicate.json[0].errorCode).toBe('DUPLICATES_DETECTED');
    expect(duplicate.json[0].duplicateResut.matchResults[0].matchRecords[0].record.Id).toBe(pa.json.records[0].PersonContactId);

    const topic = await sf('POST', '/sobjects/Topic', { Name: 'OnceHub' });
    expect((await sf('POST', '/sobjects/TopicAssignment', { TopicId: topic.json.id, EntityId: lead.json.id })).status).toBe(201);
    const event = await sf('POST', '/sobjects/Event', { Subject: 'x', StartDateTime: '2030-01-01T10:00:00Z', DurationInMinutes: 15 });
    const refused = await sf('POST', '/sobjects/TopicAssignment', { TopicId: topic.json.id, EntityId: event.json.id });
    expect(refused.status).toBe(400);
    expect((await soql(`SELECT Id, Topic.Name FROM TopicAssignment WHERE EntityId = '${lead.json.id}'`)).json.records[0].Topic.Name).toBe('OnceHub');
  });
});
