import App from '../../index';
import { rejection } from '../helpers/errors';
import {
  appTester,
  captured,
  fixture,
  keapApi,
  keapAuth,
  mockLocales,
  mockNameDirectories,
  REST,
  useKeapNock,
  WEB_APP,
} from '../providers/keap/helpers';

const perform = App.creates.upsert_contact.operation.perform;
/** A fresh cache per step unless a test replays a step on purpose. */
const run = (inputData: Record<string, unknown>, clearCache = true, authData: Record<string, string> = keapAuth) =>
  appTester(perform as never, { authData, inputData, meta: {} } as never, clearCache) as Promise<Record<string, unknown>>;

const CONTACT_FIELDS =
  'id,given_name,family_name,email_addresses,phone_numbers,addresses,company,job_title,website,leadsource_id,contact_type,owner_id,time_zone,tag_ids,custom_fields,create_time,update_time';

const mockContactModel = () => keapApi().get(`${REST}/v2/contacts/model`).reply(200, fixture('contact-model'));

const mockContactTypes = () =>
  keapApi().get(`${REST}/v2/settings/contactOptionTypes`).reply(200, fixture('contact-option-types'));

const LEAD_SOURCE = 'Sales Page > Intro Call > Ada Booking';

/** The read before each write: the contacts Keap holds for the email, with every list. */
const mockMatch = (contacts: object[] = [], email = 'ada.lovelace@example.com') =>
  keapApi()
    .get(`${REST}/v2/contacts`)
    .query({ filter: `email==${email}`, order_by: 'update_time desc', page_size: '100', fields: CONTACT_FIELDS })
    .reply(200, { contacts, next_page_token: '' });

describe('Upsert Contact (Keap)', () => {
  useKeapNock();
  beforeEach(mockNameDirectories);

  it('creates a contact in one write with normalised address, default type, lead source and custom fields', async () => {
    mockLocales();
    mockContactTypes();
    mockContactModel();
    keapApi()
      .get(`${REST}/v2/leadSources`)
      .query({ filter: 'name==Sales Page*', page_size: '1000' })
      .reply(200, { lead_sources: [{ id: '30', name: 'Sales Page' }, { id: '31', name: LEAD_SOURCE.toLowerCase() }], next_page_token: '' });
    const write = captured();
    mockMatch();
    keapApi()
      .post(`${REST}/v2/contacts`, write.matcher)
      .query({ duplicate_option: 'Email', fields: CONTACT_FIELDS })
      .reply(201, fixture('contact'));

    const result = await run({
      email: ' Ada.Lovelace@Example.com ',
      name: 'Ada Lovelace',
      phone: '+1 602 555 0100',
      company: 'Analytical Engines Ltd',
      job_title: 'Mathematician',
      address_line1: '1 Main St',
      city: 'Phoenix',
      region: 'arizona',
      postal_code: '85001',
      country_code: 'United States',
      time_zone: 'America/Phoenix',
      lead_source: LEAD_SOURCE,
      owner_id: '1',
      opt_in_reason: 'Booked a meeting',
      custom_field_12: 'Intro call',
      custom_field_14: ' 3 ',
      custom_field_15: '1,200.50',
      custom_field_17: 'YES',
      custom_field_19: ['Demo', 'Pricing'],
      custom_field_20: '',
    });

    expect(write.bodies).toEqual([
      {
        email_addresses: [{ email: 'ada.lovelace@example.com', field: 'EMAIL1', opt_in_reason: 'Booked a meeting' }],
        given_name: 'Ada',
        family_name: 'Lovelace',
        job_title: 'Mathematician',
        time_zone: 'America/Phoenix',
        owner_id: '1',
        company: { company_name: 'Analytical Engines Ltd' },
        phone_numbers: [{ number: '+1 602 555 0100', field: 'PHONE1', type: 'Work' }],
        addresses: [
          { field: 'BILLING', line1: '1 Main St', locality: 'Phoenix', postal_code: '85001', country_code: 'USA', region_code: 'US-AZ' },
        ],
        contact_type: 'Prospect',
        leadsource_id: '31',
        custom_fields: [
          { id: '12', content: 'Intro call' },
          { id: '14', content: 3 },
          { id: '15', content: 1200.5 },
          { id: '17', content: true },
          { id: '19', content: 'Demo,Pricing' },
        ],
      },
    ]);
    expect(result).toMatchObject({
      id: '2841',
      crm: 'keap',
      object_type: 'Contact',
      created: true,
      email: 'ada.lovelace@example.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
      url: `${WEB_APP}/Contact/manageContact.jsp?view=edit&ID=2841`,
      phone: '+1 602 555 0100',
      company: 'Analytical Engines Ltd',
      job_title: 'Mathematician',
      lead_source_id: '31',
      lead_source: LEAD_SOURCE,
      contact_type: 'Prospect',
      owner_id: '1',
      owner_name: 'Grace Hopper (grace@example.com)',
      country_code: 'USA',
      region: 'US-AZ',
      city: 'Phoenix',
      postal_code: '85001',
      time_zone: 'America/Phoenix',
      tag_ids: ['91'],
      tags: ['Scheduled'],
      create_time: '2026-11-23T15:04:05.000Z',
    });
  });

  it('updates the contact Keap has by ID, on email and name, keeping the account spelling of a contact type', async () => {
    mockContactTypes();
    mockMatch([
      { ...fixture('contact'), id: '2840', given_name: 'Augusta' },
      fixture('contact'),
    ]);
    const write = captured();
    keapApi()
      .patch(`${REST}/v2/contacts/2841`, write.matcher)
      .query({ update_mask: ['given_name', 'family_name', 'contact_type'], fields: CONTACT_FIELDS })
      .reply(200, { ...fixture('contact'), contact_type: 'Customer', update_time: '2026-11-24T09:00:00.000Z' });

    const result = await run({
      email: 'ada.lovelace@example.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
      contact_type: 'customer',
      match_on: 'email_and_name',
    });

    // No list is sent: Keap would replace it, and nothing in this step changes one.
    expect(write.bodies[0]).toEqual({ given_name: 'Ada', family_name: 'Lovelace', contact_type: 'Customer' });
    expect(result).toMatchObject({ id: '2841', created: false, contact_type: 'Customer', warnings: [] });
  });

  it('sends a changed list as the contact\'s own list with only the mapped entries changed', async () => {
    mockContactTypes();
    mockContactModel();
    const held = {
      ...fixture('contact'),
      email_addresses: [
        { email: 'ada.lovelace@example.com', field: 'EMAIL1', is_opt_in: false, email_opt_status: 'UNENGAGED_MARKETABLE' },
        { email: 'ada@work.example', field: 'EMAIL2', is_opt_in: true, email_opt_status: 'SINGLE_OPT_IN', opt_in_reason: 'Form' },
      ],
      phone_numbers: [
        { number: '+1 602 555 0100', field: 'PHONE1', type: 'Work', number_e164: '+16025550100' },
        { number: '555 0102', field: 'PHONE2', type: 'Home', extension: '12' },
        { number: '555 0103', field: 'PHONE3', type: 'Mobile' },
      ],
      addresses: [
        { field: 'SHIPPING', line1: '2 Dock Rd', locality: 'Tempe', region: 'Arizona', region_code: 'US-AZ', country_code: 'USA', country: 'United States', postal_code: '85281' },
        fixture<{ addresses: object[] }>('contact').addresses[0],
      ],
      custom_fields: [{ id: '12', content: 'Intro call' }, { id: '14', content: 7 }],
    };
    mockMatch([held]);
    const write = captured();
    keapApi().patch(`${REST}/v2/contacts/2841`, write.matcher).query(true).reply(200, held);

    await run({
      email: 'ada.lovelace@example.com',
      phone: '+1 602 555 0199',
      mobile_phone: '555 0199',
      city: 'Scottsdale',
      opt_in_reason: 'Booked a meeting',
      custom_field_12: 'Demo',
    });

    expect(write.bodies[0]).toEqual({
      email_addresses: [
        { email: 'ada.lovelace@example.com', field: 'EMAIL1', opt_in_reason: 'Booked a meeting' },
        { email: 'ada@work.example', field: 'EMAIL2', opt_in_reason: 'Form' },
      ],
      phone_numbers: [
        { number: '+1 602 555 0199', field: 'PHONE1', type: 'Work' },
        { number: '555 0102', field: 'PHONE2', type: 'Home', extension: '12' },
        { number: '555 0199', field: 'PHONE3', type: 'Mobile' },
      ],
      addresses: [
        { field: 'SHIPPING', line1: '2 Dock Rd', locality: 'Tempe', region_code: 'US-AZ', country_code: 'USA', postal_code: '85281' },
        { field: 'BILLING', line1: '1 Main St', locality: 'Scottsdale', region_code: 'US-AZ', country_code: 'USA', postal_code: '85001' },
      ],
      custom_fields: [{ id: '14', content: 7 }, { id: '12', content: 'Demo' }],
    });
  });

  it('tells a new contact from 200 responses by equal create and update times', async () => {
    mockContactTypes();
    const justNow = new Date().toISOString();
    mockMatch();
    keapApi()
      .post(`${REST}/v2/contacts`)
      .query(true)
      .reply(200, { ...fixture('contact'), create_time: justNow, update_time: justNow });
    await expect(run({ email: 'ada.lovelace@example.com' })).resolves.toMatchObject({ created: true });
  });

  it('leaves the contact type out when the account has no Prospect type', async () => {
    keapApi().get(`${REST}/v2/settings/contactOptionTypes`).reply(200, { option_types: ['Lead', 'Client'] });
    const write = captured();
    mockMatch();
    keapApi().post(`${REST}/v2/contacts`, write.matcher).query(true).reply(201, fixture('contact'));
    await run({ email: 'ada.lovelace@example.com' });
    expect(write.bodies[0]).not.toHaveProperty('contact_type');
  });

  it('accepts ISO alpha-2 and alpha-3 countries and region codes without the prefix', async () => {
    mockLocales();
    mockContactTypes();
    const write = captured();
    mockMatch();
    keapApi().post(`${REST}/v2/contacts`, write.matcher).query(true).reply(201, fixture('contact'));
    await run({ email: 'ada.lovelace@example.com', country_code: 'us', region: 'AZ' });
    expect(write.bodies[0]!.addresses).toEqual([{ field: 'BILLING', country_code: 'USA', region_code: 'US-AZ' }]);

    mockMatch();
    keapApi().post(`${REST}/v2/contacts`, write.matcher).query(true).reply(200, fixture('contact'));
    await run({ email: 'ada.lovelace@example.com', country_code: 'GBR' }, false);
    expect(write.bodies[1]!.addresses).toEqual([{ field: 'BILLING', country_code: 'GBR' }]);
  });

  it('creates a missing lead source once, in a new OnceHub category, and finds it when the step runs again', async () => {
    mockContactTypes();
    keapApi()
      .get(`${REST}/v2/leadSources`)
      .query({ filter: 'name==Sales Page*', page_size: '1000' })
      .reply(200, { lead_sources: [], next_page_token: '' });
    keapApi()
      .get(`${REST}/v2/leadSourceCategories`)
      .query({ filter: 'name==OnceHub*', page_size: '1000' })
      .reply(200, { lead_source_categories: [{ id: '3', name: 'OnceHub Archive' }] });
    const category = captured();
    keapApi().post(`${REST}/v2/leadSourceCategories`, category.matcher).reply(201, { id: '4', name: 'OnceHub' });
    const source = captured();
    keapApi().post(`${REST}/v2/leadSources`, source.matcher).reply(201, { id: '31', name: LEAD_SOURCE, lead_source_category_id: '4' });
    const write = captured();
    mockMatch();
    keapApi().post(`${REST}/v2/contacts`, write.matcher).query(true).reply(201, fixture('contact'));

    const input = { email: 'ada.lovelace@example.com', lead_source: LEAD_SOURCE };
    await expect(run(input)).resolves.toMatchObject({ created: true, lead_source_id: '31' });
    expect(category.bodies).toEqual([{ name: 'OnceHub', description: 'Created by the OnceHub Zapier integration' }]);
    expect(source.bodies).toEqual([{ name: LEAD_SOURCE, status: 'ACTIVE', lead_source_category_id: '4' }]);
    expect(write.bodies[0]).toMatchObject({ leadsource_id: '31' });

    // The same step again: the lead source is found, nothing else is created, the contact is updated.
    keapApi()
      .get(`${REST}/v2/leadSources`)
      .query(true)
      .reply(200, { lead_sources: [{ id: '31', name: LEAD_SOURCE }], next_page_token: '' });
    mockMatch([fixture('contact')]);
    const update = captured();
    keapApi()
      .patch(`${REST}/v2/contacts/2841`, update.matcher)
      .query({ update_mask: 'leadsource_id', fields: CONTACT_FIELDS })
      .reply(200, { ...fixture('contact'), update_time: '2026-11-23T15:09:00.000Z' });
    await expect(run(input, false)).resolves.toMatchObject({ id: '2841', created: false });
    expect(write.bodies).toHaveLength(1);
    expect(update.bodies).toEqual([{ leadsource_id: '31' }]);
  });

  it('creates a lead source in an existing category given by name, and uses a category id as given', async () => {
    mockContactTypes();
    keapApi().get(`${REST}/v2/leadSources`).query(true).reply(200, { lead_sources: [] });
    keapApi()
      .get(`${REST}/v2/leadSourceCategories`)
      .query({ filter: 'name==webinars*', page_size: '1000' })
      .reply(200, { lead_source_categories: [{ id: '9', name: 'WEBINARS' }] });
    const source = captured();
    keapApi().post(`${REST}/v2/leadSources`, source.matcher).reply(201, { id: '40', name: 'Spring webinar' });
    mockMatch();
    keapApi().post(`${REST}/v2/contacts`).query(true).reply(201, fixture('contact'));
    await run({ email: 'ada.lovelace@example.com', lead_source: 'Spring webinar', lead_source_category: 'webinars' });
    expect(source.bodies[0]).toMatchObject({ lead_source_category_id: '9' });

    keapApi().get(`${REST}/v2/leadSources`).query(true).reply(200, { lead_sources: [] });
    keapApi().post(`${REST}/v2/leadSources`, source.matcher).reply(201, { id: '41', name: 'Fall webinar' });
    mockMatch();
    keapApi().post(`${REST}/v2/contacts`).query(true).reply(201, fixture('contact'));
    await run({ email: 'ada.lovelace@example.com', lead_source: 'Fall webinar', lead_source_category: '12' }, false);
    expect(source.bodies[1]).toMatchObject({ lead_source_category_id: '12' });
  });

  it('never puts filter grammar from a lead source name into the filter', async () => {
    mockContactTypes();
    const name = 'Partners;status==INACTIVE*';
    keapApi()
      .get(`${REST}/v2/leadSources`)
      .query({ filter: 'name==Partners*', page_size: '1000' })
      .reply(200, { lead_sources: [{ id: '50', name: 'Partners' }, { id: '51', name }] });
    const write = captured();
    mockMatch();
    keapApi().post(`${REST}/v2/contacts`, write.matcher).query(true).reply(201, fixture('contact'));
    await run({ email: 'ada.lovelace@example.com', lead_source: name });
    expect(write.bodies[0]).toMatchObject({ leadsource_id: '51' });
  });

  it('uses a lead source id as given, without a lookup', async () => {
    mockContactTypes();
    const write = captured();
    mockMatch();
    keapApi().post(`${REST}/v2/contacts`, write.matcher).query(true).reply(201, fixture('contact'));
    await run({ email: 'ada.lovelace@example.com', lead_source: '31' });
    expect(write.bodies[0]).toMatchObject({ leadsource_id: '31' });
  });

  describe('bad input fails before anything is written', () => {
    it('rejects a bad email without calling Keap', async () => {
      const error = await rejection(run({ email: 'ada.example.com' }));
      expect(error.message).toBe('Please fix this step\'s input: Email (email) is not an email address (it needs one @, no spaces and a domain with a dot, such as name@example.com); got "ada.example.com".');
    });

    it('names an unknown country and suggests the closest', async () => {
      keapApi().get(`${REST}/v2/locales/countries`).query(true).reply(200, fixture('countries'));
      const error = await rejection(run({ email: 'ada@example.com', country_code: 'Untied States' }));
      expect(error.message).toBe(
        "Unknown country 'Untied States' in Country (country_code). Did you mean: United States of America (USA)? " +
          'Use an ISO code (US or USA) or the English country name, or choose one from the list.',
      );
    });

    it('names both fields for a region without a country, without calling Keap', async () => {
      const error = await rejection(run({ email: 'ada@example.com', region: 'Arizona' }));
      expect(error.message).toBe(
        'Region (region) is set to "Arizona" but Country (country_code) is empty. Keap needs the country to store a region: set Country too, or clear Region.',
      );
    });

    it('names a region that is not in the country and suggests the closest', async () => {
      mockLocales();
      const error = await rejection(run({ email: 'ada@example.com', country_code: 'USA', region: 'Arizna' }));
      expect(error.message).toContain("Unknown region 'Arizna' for United States (USA) in Region (region). Did you mean: Arizona (US-AZ)?");
    });

    it('rejects a time zone that is not IANA', async () => {
      const error = await rejection(run({ email: 'ada@example.com', time_zone: 'Eastern Time' }));
      expect(error.message).toBe(
        'Time Zone (time_zone) must be an IANA time zone such as America/New_York or Asia/Kolkata; got "Eastern Time".',
      );
    });

    it('rejects a contact type the account does not have, listing the valid ones', async () => {
      mockContactTypes();
      const error = await rejection(run({ email: 'ada@example.com', contact_type: 'Lead' }));
      expect(error.message).toBe(
        'Contact Type (contact_type) "Lead" is not one of this Keap account\'s values: Customer, Partner, Prospect, Other. Choose one from the list, or add it in Keap first.',
      );
    });

    it.each([
      [{ custom_field_17: 'maybe' }, 'Newsletter (custom_field_17) must be true or false (yes/no and 1/0 work too); got "maybe".'],
      [{ custom_field_14: 'twelve' }, 'Seats (custom_field_14) must be a whole number; got "twelve".'],
      [{ custom_field_14: '2.5' }, 'Seats (custom_field_14) must be a whole number; got "2.5".'],
      [{ custom_field_15: 'lots' }, 'Budget (custom_field_15) must be a number; got "lots".'],
    ])('refuses custom field values their type cannot take, naming the field: %j', async (values, message) => {
      mockContactTypes();
      mockContactModel();
      const error = await rejection(run({ email: 'ada@example.com', ...values }));
      expect(error.message).toBe(message);
    });

    it('rejects an owner that is not a Keap user id', async () => {
      const error = await rejection(run({ email: 'ada@example.com', owner_id: 'grace@example.com' }));
      expect(error.message).toContain('Owner (owner_id) must be a Keap ID (digits only); got "grace@example.com".');
    });
  });

  describe('Keap errors the user sees', () => {
    it('explains a v2 application error and points at the field', async () => {
      mockContactTypes();
      mockMatch([], 'ada@example.com');
      keapApi()
        .post(`${REST}/v2/contacts`)
        .query(true)
        .reply(400, { code: 400, message: 'Invalid phone number', status: 'INVALID_ARGUMENT', details: [{ domain: 'phone_numbers', resource: 'PHONE1' }] });
      const error = await rejection(run({ email: 'ada@example.com', phone: 'call me' }));
      expect(error.message).toBe(
        'Keap rejected the request (HTTP 400): Invalid phone number (phone_numbers PHONE1). Check the Phone (phone) value mapped in this step.',
      );
    });

    it('explains a v1-style {message} error', async () => {
      mockContactTypes();
      mockMatch([], 'ada@example.com');
      keapApi().post(`${REST}/v2/contacts`).query(true).reply(400, { message: 'BILLING Region is invalid' });
      const error = await rejection(run({ email: 'ada@example.com' }));
      expect(error.message).toContain('Keap rejected the request (HTTP 400): BILLING Region is invalid. Check the Region (region) value');
    });

    it('asks to reconnect when a just-issued token is refused (401 fault)', async () => {
      keapApi()
        .get(`${REST}/v2/settings/contactOptionTypes`)
        .reply(401, { fault: { faultstring: 'Invalid Access Token', detail: { errorcode: 'keymanagement.service.invalid_access_token' } } });
      const error = await rejection(run({ email: 'ada@example.com' }, true, { ...keapAuth, issued_at: String(Date.now()) }));
      expect(error.name).toBe('ExpiredAuthError');
      expect(error.message).toContain('Reconnect your Keap account');
    });

    it('lets the platform refresh an older token on a 401 fault', async () => {
      keapApi()
        .get(`${REST}/v2/settings/contactOptionTypes`)
        .reply(401, { fault: { faultstring: 'Access Token expired', detail: { errorcode: 'keymanagement.service.access_token_expired' } } });
      const error = await rejection(run({ email: 'ada@example.com' }));
      expect(error.name).toBe('RefreshAuthError');
    });

    it('turns a 429 into ThrottledError with the delay the throttle headers give', async () => {
      mockContactTypes();
      mockMatch([], 'ada@example.com');
      keapApi()
        .post(`${REST}/v2/contacts`)
        .query(true)
        .reply(429, { code: '429', message: 'Quota Exceeded', status: 'Request Throttled', details: null }, {
          'x-keap-product-throttle-available': '0',
          'x-keap-product-throttle-time-unit': 'minute',
          'x-keap-product-throttle-interval': '1',
        });
      const error = await rejection(run({ email: 'ada@example.com' }));
      expect(error).toMatchObject({ name: 'ThrottledError', delay: 60 });
      expect(error.message).toContain('Keap is rate limiting requests right now');
    });
  });
});
