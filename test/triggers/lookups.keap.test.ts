import App from '../../index';
import { appTester, fixture, keapApi, keapAuth, mockLocales, REST, useKeapNock } from '../providers/keap/helpers';

type Choice = { id: string; name: string };
const triggers = App.triggers as Record<string, { operation: { perform: unknown } }>;
const lookup = (kind: string, inputData: Record<string, unknown> = {}) =>
  appTester(triggers[`lookup_${kind}`]!.operation.perform as never, { authData: keapAuth, inputData, meta: {} } as never, true) as Promise<Choice[]>;

describe('Keap dropdowns', () => {
  useKeapNock();

  it('lists contact types from the account settings', async () => {
    keapApi().get(`${REST}/v2/settings/contactOptionTypes`).reply(200, fixture('contact-option-types'));
    await expect(lookup('contact_type')).resolves.toEqual(
      ['Customer', 'Partner', 'Prospect', 'Other'].map((name) => ({ id: name, name })),
    );
  });

  it('pages through every lead source', async () => {
    keapApi()
      .get(`${REST}/v2/leadSources`)
      .query({ page_size: '1000' })
      .reply(200, { lead_sources: [{ id: '30', name: 'Sales Page' }], next_page_token: 'page-2' });
    keapApi()
      .get(`${REST}/v2/leadSources`)
      .query({ page_size: '1000', page_token: 'page-2' })
      .reply(200, { lead_sources: [{ id: '31', name: 'Sales Page > Intro Call' }], next_page_token: '' });
    await expect(lookup('lead_source')).resolves.toEqual([
      { id: '30', name: 'Sales Page' },
      { id: '31', name: 'Sales Page > Intro Call' },
    ]);
  });

  it('lists lead source categories', async () => {
    keapApi()
      .get(`${REST}/v2/leadSourceCategories`)
      .query({ page_size: '1000' })
      .reply(200, { lead_source_categories: [{ id: '4', name: 'OnceHub' }] });
    await expect(lookup('lead_source_category')).resolves.toEqual([{ id: '4', name: 'OnceHub' }]);
  });

  it('lists users as owners, 100 per page', async () => {
    keapApi().get(`${REST}/v2/users`).query({ page_size: '100' }).reply(200, fixture('users'));
    await expect(lookup('owner')).resolves.toEqual([
      { id: '1', name: 'Grace Hopper (grace@example.com)' },
      { id: '7', name: 'Alan Turing (alan@example.com)' },
    ]);
  });

  it('lists countries by their alpha-3 code', async () => {
    keapApi().get(`${REST}/v2/locales/countries`).query(true).reply(200, fixture('countries'));
    const countries = await lookup('country');
    expect(countries).toContainEqual({ id: 'USA', name: 'United States' });
    expect(countries).toHaveLength(5);
  });

  it('lists the regions of the chosen country, however the country was typed', async () => {
    mockLocales();
    await expect(lookup('region', { country_code: 'united states' })).resolves.toEqual([
      { id: 'US-AR', name: 'Arkansas' },
      { id: 'US-AZ', name: 'Arizona' },
      { id: 'US-CA', name: 'California' },
      { id: 'US-NY', name: 'New York' },
    ]);
  });

  it('prefixes region codes Keap lists without the country', async () => {
    keapApi().get(`${REST}/v2/locales/countries`).query(true).reply(200, fixture('countries'));
    keapApi()
      .get(`${REST}/v2/locales/countries/CAN/provinces`)
      .query(true)
      .reply(200, { provinces: [{ code: 'ON', name: 'Ontario', country: 'CAN' }] });
    await expect(lookup('region', { country_code: 'CA' })).resolves.toEqual([{ id: 'CA-ON', name: 'Ontario' }]);
  });

  it('lists no regions until a known country is chosen', async () => {
    await expect(lookup('region')).resolves.toEqual([]);
    keapApi().get(`${REST}/v2/locales/countries`).query(true).reply(200, fixture('countries'));
    await expect(lookup('region', { country_code: 'Atlantis' })).resolves.toEqual([]);
  });

  it('lists tags and tag categories', async () => {
    keapApi().get(`${REST}/v2/tags`).query({ page_size: '1000' }).reply(200, fixture('tags'));
    expect(await lookup('tag')).toContainEqual({ id: '120', name: 'VIP Customer' });
    keapApi()
      .get(`${REST}/v2/tags/categories`)
      .query({ page_size: '1000' })
      .reply(200, { tag_categories: [{ id: '5', name: 'OnceHub' }], next_page_token: '' });
    await expect(lookup('tag_category')).resolves.toEqual([{ id: '5', name: 'OnceHub' }]);
  });

  it('lists task types from the application configuration', async () => {
    keapApi().get(`${REST}/v2/settings/applications:getConfiguration`).query({ fields: 'TASK' }).reply(200, fixture('application-configuration'));
    await expect(lookup('activity_type')).resolves.toEqual(['Call', 'Email', 'Appointment', 'Other'].map((name) => ({ id: name, name })));
  });

  it('lists priorities and booking statuses without calling Keap', async () => {
    await expect(lookup('priority')).resolves.toEqual([
      { id: 'CRITICAL', name: 'Critical' },
      { id: 'ESSENTIAL', name: 'Essential' },
      { id: 'NONESSENTIAL', name: 'Non-Essential' },
    ]);
    await expect(lookup('event_status')).resolves.toEqual(
      ['Scheduled', 'Rescheduled', 'Completed', 'Canceled', 'No-show'].map((name) => ({ id: name, name })),
    );
  });
});

describe('Keap custom field inputs', () => {
  useKeapNock();

  const fieldsFor = (key: 'upsert_contact' | 'create_activity_event') =>
    appTester(App.creates[key].operation.inputFields as never, { authData: keapAuth, inputData: {}, meta: {} } as never, true) as Promise<
      Array<Record<string, unknown>>
    >;

  it('adds one typed input per contact custom field', async () => {
    keapApi().get(`${REST}/v2/contacts/model`).reply(200, fixture('contact-model'));
    const fields = await fieldsFor('upsert_contact');
    const custom = fields.filter((field) => String(field.key).startsWith('custom_field_'));
    expect(custom.map(({ key, type, list }) => ({ key, type, list }))).toEqual([
      { key: 'custom_field_12', type: 'text', list: undefined },
      { key: 'custom_field_14', type: 'integer', list: undefined },
      { key: 'custom_field_15', type: 'number', list: undefined },
      { key: 'custom_field_16', type: 'datetime', list: undefined },
      { key: 'custom_field_17', type: 'boolean', list: undefined },
      { key: 'custom_field_18', type: 'string', list: undefined },
      { key: 'custom_field_19', type: 'string', list: true },
      { key: 'custom_field_20', type: 'string', list: undefined },
    ]);
    expect(custom.find((field) => field.key === 'custom_field_18')).toMatchObject({
      label: 'Plan',
      choices: [
        { value: 'Basic', sample: 'Basic', label: 'Basic' },
        { value: 'Pro', sample: 'Pro', label: 'Pro' },
      ],
    });
  });

  it('understands v1 field type spellings', async () => {
    keapApi()
      .get(`${REST}/v2/contacts/model`)
      .reply(200, { custom_fields: [{ id: 3, label: 'Opted In', field_type: 'YesNo' }, { id: 4, label: 'Score', field_type: 'WholeNumber' }] });
    const custom = (await fieldsFor('upsert_contact')).filter((field) => String(field.key).startsWith('custom_field_'));
    expect(custom.map(({ key, type }) => ({ key, type }))).toEqual([
      { key: 'custom_field_3', type: 'boolean' },
      { key: 'custom_field_4', type: 'integer' },
    ]);
  });

  it('adds nothing to the activity form', async () => {
    const fields = await fieldsFor('create_activity_event');
    expect(fields.some((field) => String(field.key).startsWith('custom_field_'))).toBe(false);
  });
});
