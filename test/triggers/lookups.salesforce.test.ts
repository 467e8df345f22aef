import { EVENT_STATUSES } from '../../src/model';
import { API, App, mockDescribe, records, runStep, sf, useNock } from '../providers/salesforce/support';

type Choice = { id: string; name: string };
const lookup = (kind: string, inputData: Record<string, unknown> = {}, page?: number) =>
  runStep<Choice[]>((App.triggers as Record<string, { operation: { perform: unknown } }>)[`lookup_${kind}`]!.operation.perform, inputData, { page });
const ids = (choices: Choice[]) => choices.map((choice) => choice.id);

describe('Salesforce dropdowns', () => {
  useNock();

  it('lead_source lists the active Lead Source values', async () => {
    mockDescribe('Lead', 'lead');
    expect(await lookup('lead_source')).toEqual([
      { id: 'Web', name: 'Web' },
      { id: 'Phone Inquiry', name: 'Phone Inquiry' },
      { id: 'Partner Referral', name: 'Partner Referral' },
      { id: 'OnceHub', name: 'OnceHub' },
    ]);
  });

  it('lead_source reads the Contact object when the step writes Contacts', async () => {
    mockDescribe('Contact', 'contact');
    expect(ids(await lookup('lead_source', { salesforce_object: 'Contact' }))).toEqual(['Web', 'Phone Inquiry', 'Partner Referral', 'OnceHub']);
  });

  it('contact_type lists Lead Status values, and nothing for Contacts', async () => {
    mockDescribe('Lead', 'lead');
    expect(ids(await lookup('contact_type'))).toEqual(['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted']);
    expect(await lookup('contact_type', { salesforce_object: 'Contact' })).toEqual([]);
  });

  it('owner lists active standard users', async () => {
    sf()
      .get(`${API}/query`)
      .query({ q: "SELECT Id, Name, Email FROM User WHERE IsActive = true AND UserType = 'Standard' ORDER BY Name LIMIT 500" })
      .reply(200, records('User', [{ Id: '005000000000001AAA', Name: 'Grace Hopper', Email: 'grace@example.com' }, { Id: '005000000000002AAA', Name: 'Integration User' }]));
    expect(await lookup('owner')).toEqual([
      { id: '005000000000001AAA', name: 'Grace Hopper (grace@example.com)' },
      { id: '005000000000002AAA', name: 'Integration User' },
    ]);
  });

  it('country lists active Country Code values, or nothing where the org stores countries as text', async () => {
    mockDescribe('Lead', 'lead');
    expect(await lookup('country')).toEqual([
      { id: 'US', name: 'United States' },
      { id: 'CA', name: 'Canada' },
      { id: 'GB', name: 'United Kingdom' },
      { id: 'DE', name: 'Germany' },
    ]);
    mockDescribe('Lead', 'lead-text-address');
    expect(await lookup('country')).toEqual([]);
  });

  it.each([
    [{ country_code: 'Canada' }, ['ON', 'QC']],
    [{ country_code: 'US' }, ['CA', 'NY', 'TX']],
    // Germany is the controller's fifth value: the inactive Netherlands Antilles still counts in the bitmap.
    [{ country_code: 'de' }, ['BY']],
    [{ country_code: 'United Kingdom' }, []],
    [{}, ['CA', 'NY', 'TX', 'ON', 'QC', 'BY']],
    [{ country_code: 'Atlantis' }, ['CA', 'NY', 'TX', 'ON', 'QC', 'BY']],
  ])('region for %j lists %j', async (inputData, expected) => {
    mockDescribe('Lead', 'lead');
    expect(ids(await lookup('region', inputData))).toEqual(expected);
  });

  it('event_status lists the status field’s active values, or the booking statuses when the org has none', async () => {
    mockDescribe('Event', 'event');
    expect(ids(await lookup('event_status'))).toEqual([...EVENT_STATUSES]);
    mockDescribe('Event', 'event');
    expect(ids(await lookup('event_status', { status_field: 'ShowAs' }))).toEqual(['Busy', 'OutOfOffice', 'Free']);
    mockDescribe('Event', 'event-plain');
    expect(ids(await lookup('event_status'))).toEqual([...EVENT_STATUSES]);
  });

  it('activity_type lists the Event Type values', async () => {
    mockDescribe('Event', 'event');
    expect(ids(await lookup('activity_type'))).toEqual(['Call', 'Email', 'Meeting', 'Other']);
  });

  it('tag lists existing Topics', async () => {
    sf()
      .get(`${API}/query`)
      .query({ q: 'SELECT Id, Name FROM Topic ORDER BY Name LIMIT 500' })
      .reply(200, records('Topic', [{ Id: '0TO5g0000000001GAA', Name: 'Scheduled' }]));
    expect(await lookup('tag')).toEqual([{ id: '0TO5g0000000001GAA', name: 'Scheduled' }]);
  });

  it.each(['priority', 'tag_category', 'lead_source_category'])('%s has no Salesforce equivalent and lists nothing, without a call', async (kind) => {
    expect(await lookup(kind)).toEqual([]);
  });

  it('returns an empty second page so a dropdown never repeats', async () => {
    expect(await lookup('lead_source', {}, 1)).toEqual([]);
  });
});
