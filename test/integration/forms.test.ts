import App from '../../index';
import { run, useIntegration } from './support';

/**
 * The Zap editor is the product's UI: each CRM's users see the fields that work on their CRM,
 * named as their CRM names them, and no two fields on a form share a label.
 */
const ctx = useIntegration();

type Field = { key: string; label?: string; dynamic?: string; search?: string; required?: boolean; altersDynamicFields?: boolean };
type Crm = 'keap' | 'salesforce';

const FORMS = {
  upsert_contact: App.creates!.upsert_contact!.operation.inputFields,
  update_contact: App.creates!.update_contact!.operation.inputFields,
  apply_tag: App.creates!.apply_tag!.operation.inputFields,
  create_activity_event: App.creates!.create_activity_event!.operation.inputFields,
  find_contact: App.searches!.find_contact!.operation.inputFields,
  api_request: App.creates!.api_request!.operation.inputFields,
  add_note: App.creates!.add_note!.operation.inputFields,
  add_to_campaign: App.creates!.add_to_campaign!.operation.inputFields,
  upsert_case: App.creates!.upsert_case!.operation.inputFields,
  find_rows: App.searches!.api_request!.operation.inputFields,
} as const;

const form = async (crm: Crm, operation: keyof typeof FORMS) => run<Field[]>(ctx, ctx[crm], FORMS[operation], {});
const keys = (fields: Field[]) => fields.map((field) => field.key);

const KEAP_ONLY = ['lead_source_category', 'opt_in_reason', 'match_on', 'tag_category', 'priority', 'note_type'];
const SALESFORCE_ONLY = ['salesforce_object', 'update_mode', 'record_type', 'record_type_id', 'booking_id_field', 'status_field', 'reason_field', 'on_cancel', 'what_id', 'case_id', 'log_as', 'event_record_type_id', 'case_record_type_id', 'case_status', 'case_origin', 'case_priority'];

describe.each(Object.keys(FORMS) as Array<keyof typeof FORMS>)('%s form', (operation) => {
  it('shows a Keap user no Salesforce field, and a Salesforce user no Keap field', async () => {
    const keap = keys(await form('keap', operation));
    const salesforce = keys(await form('salesforce', operation));

    expect(keap.filter((key) => SALESFORCE_ONLY.includes(key) || key.startsWith('sf__'))).toEqual([]);
    expect(salesforce.filter((key) => KEAP_ONLY.includes(key) || key.startsWith('custom_field_'))).toEqual([]);
  });

  it.each(['keap', 'salesforce'] as Crm[])('points every dropdown on the %s form at a hidden trigger, and every search at a search (D005)', async (crm) => {
    const fields = await form(crm, operation);
    const triggers = App.triggers as Record<string, { display: { hidden?: boolean } }>;

    for (const { dynamic } of fields.filter((field) => field.dynamic)) expect(triggers[dynamic!.split('.')[0]!]?.display.hidden).toBe(true);
    for (const { search } of fields.filter((field) => field.search)) expect((App.searches as Record<string, unknown>)[search!.split('.')[0]!]).toBeDefined();
  });

  it.each(['keap', 'salesforce'] as Crm[])('labels the connector’s own fields on the %s form in title case', async (crm) => {
    // The CRM's own fields keep the labels the account gave them.
    const ours = (await form(crm, operation)).filter((field) => !/^(sf__|custom_field_)/.test(field.key));
    const MINOR = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);
    const notTitle = ours.filter((field) =>
      (field.label ?? '')
        .split(/[\s/()]+/)
        .filter(Boolean)
        .some((word, i) => /^[a-z]/.test(word) && (i === 0 || !MINOR.has(word))),
    );

    expect(notTitle.map((field) => field.label)).toEqual([]);
  });

  it.each(['keap', 'salesforce'] as Crm[])('puts required fields first on the %s form, after only the fields that change the form', async (crm) => {
    const fields = await form(crm, operation);
    // Contact ID or Email: one of the pair is required, so the pair counts as required.
    const isRequired = (field: Field) => field.required === true || (['apply_tag', 'create_activity_event', 'add_note', 'add_to_campaign', 'upsert_case'].includes(operation) && ['contact_id', 'email'].includes(field.key));
    const changesForm = (field: Field) => field.altersDynamicFields === true || field.key === 'record_type_id';
    const rest = fields.filter((field) => !changesForm(field));
    const firstOptional = rest.findIndex((field) => !isRequired(field));
    const lateRequired = firstOptional < 0 ? [] : rest.slice(firstOptional).filter(isRequired).map((field) => field.key);

    expect(lateRequired).toEqual([]);
    const firstOther = fields.findIndex((field) => !changesForm(field));
    expect(fields.slice(Math.max(firstOther, 0)).filter(changesForm).map((field) => field.key)).toEqual([]);
  });

  it.each(['keap', 'salesforce'] as Crm[])('gives every field on the %s form its own label', async (crm) => {
    const labels = (await form(crm, operation)).map((field) => field.label);

    expect(labels.filter((label, i) => labels.indexOf(label) !== i)).toEqual([]);
  });
});

describe('fields named as each CRM names them', () => {
  it('calls the classification Contact Type on Keap and Lead Status on Salesforce, same key', async () => {
    expect((await form('keap', 'upsert_contact')).find((field) => field.key === 'contact_type')).toMatchObject({ label: 'Contact Type' });
    expect((await form('salesforce', 'upsert_contact')).find((field) => field.key === 'contact_type')).toMatchObject({ label: 'Lead Status' });
  });

  it('puts the Salesforce object chooser first, above the fields it changes', async () => {
    expect(keys(await form('salesforce', 'upsert_contact'))[0]).toBe('salesforce_object');
    expect(keys(await form('keap', 'upsert_contact'))[0]).toBe('email');
  });

  it('offers Update Contact the Lead’s and the Contact’s own fields on Salesforce, none required, and Keap’s custom fields on Keap', async () => {
    const salesforce = await form('salesforce', 'update_contact');
    expect(keys(salesforce).slice(0, 2)).toEqual(['contact_id', 'email']);
    expect(salesforce.filter((field) => field.key.startsWith('sf__') && field.required)).toEqual([]);
    expect(keys(salesforce)).toEqual(expect.arrayContaining(['contact_type', 'update_mode']));
    expect(keys(salesforce)).not.toContain('salesforce_object');
    const keap = keys(await form('keap', 'update_contact'));
    expect(keap).toEqual(expect.arrayContaining(['contact_id', 'contact_type', 'opt_in_reason', 'time_zone']));
    expect(keap).not.toContain('match_on');
    expect(keap.some((key) => key.startsWith('custom_field_'))).toBe(true);
  });

  it('keeps the Keap-only inputs on the Keap forms', async () => {
    expect(keys(await form('keap', 'upsert_contact'))).toEqual(expect.arrayContaining(['lead_source_category', 'opt_in_reason', 'match_on', 'time_zone']));
    expect(keys(await form('keap', 'apply_tag'))).toContain('tag_category');
    expect(keys(await form('keap', 'create_activity_event'))).toContain('priority');
    expect(keys(await form('salesforce', 'find_contact'))).toEqual(['email', 'record_type']);
    expect(keys(await form('keap', 'find_contact'))).toEqual(['email']);
  });
});
