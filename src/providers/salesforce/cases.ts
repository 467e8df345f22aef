import { chainBookingIds, chainRecord, markedBookings, markerLine } from '../../activity';
import { exclusive } from '../../claims';
import { named } from '../../input';
import { CASE, type CaseInput } from '../../inputs';
import { invalidInput, shorten } from '../../kit';
import type { CaseResult, ContactRef } from '../../model';
import type { Context } from '../types';
import { composite, dataPath, failed, throwSubFailure } from './composite';
import { describeObject, fieldOf, salesforceOrg, type ObjectInfo } from './describe';
import { SALESFORCE_CASE, SALESFORCE_CASE_INPUTS } from './form';
import { objectOfId, personContactOf, query, recordUrl } from './records';
import { chosenRecordType } from './picklists';
import { soqlLiteral } from './soql';
import { valueForField, type Warn } from './values';

type SfCase = { Id: string; CaseNumber?: string | null; Status?: string | null; Description?: string | null };

/** Who the case is for: a Contact (a Person Account's contact and account too), or a Lead by its email and name, as Web-to-Case does. */
const casePerson = async (ctx: Context, contact: ContactRef): Promise<{ link: Record<string, string>; filter: string }> => {
  const object = objectOfId(contact.id);
  if (object === 'Contact') return { link: { ContactId: contact.id }, filter: `ContactId = ${soqlLiteral(contact.id)}` };
  if (object === 'Account') {
    const personContact = await personContactOf(ctx, contact.id);
    if (personContact) return { link: { ContactId: personContact, AccountId: contact.id }, filter: `ContactId = ${soqlLiteral(personContact)}` };
  }
  if (object === 'Lead') {
    // Salesforce cannot link a Case to a Lead: the case carries the Lead's email and name instead.
    const [lead] = await query<{ Email?: string | null; Name?: string | null; Phone?: string | null }>(ctx, `SELECT Email, Name, Phone FROM Lead WHERE Id = ${soqlLiteral(contact.id)}`);
    if (lead?.Email) {
      const link = Object.fromEntries(Object.entries({ SuppliedEmail: lead.Email, SuppliedName: lead.Name, SuppliedPhone: lead.Phone }).filter(([, v]) => v)) as Record<string, string>;
      return { link, filter: `SuppliedEmail = ${soqlLiteral(lead.Email)}` };
    }
  }
  throw invalidInput(ctx.z, `${named(CASE.contact_id)} "${shorten(contact.id)}" is not the ID of a Salesforce Lead (with an email), Contact or Person Account.`);
};

/** The value for one of the Case's fields, if the org has the field and the step gave one. */
const picked = (ctx: Context, info: ObjectInfo, fieldName: string, value: string | undefined, input: { key: string; label: string }, warn: Warn): unknown => {
  const field = fieldOf(info, fieldName);
  return value === undefined || !field ? undefined : valueForField(ctx, field, value, named(input), warn);
};

/**
 * One Case per booking chain for the person, found again by its markers in the description (the
 * chain rule the Event uses), created with the case number read back in the same round trip.
 * Runs of one chain take turns, so concurrent deliveries never open two cases.
 */
export const upsertCase = (ctx: Context, contact: ContactRef, input: CaseInput): Promise<CaseResult> =>
  exclusive(ctx, { account: salesforceOrg(ctx), kind: 'case', ids: chainBookingIds(input) }, `the Salesforce case for booking ${input.booking_id}`, () =>
    writeCase(ctx, contact, input),
  );

const writeCase = async (ctx: Context, contact: ContactRef, input: CaseInput): Promise<CaseResult> => {
  const options = ctx.input.read(SALESFORCE_CASE_INPUTS);
  // The chain's case was created with this record type: its picklists offer the type's values.
  const { recordTypeId, info } = await chosenRecordType(ctx, await describeObject(ctx, 'Case'), options.case_record_type_id, SALESFORCE_CASE.case_record_type_id);
  const warnings: string[] = [];
  const warn: Warn = (warning) => warnings.push(warning);
  const values = Object.fromEntries(
    Object.entries({
      Status: picked(ctx, info, 'Status', options.case_status, SALESFORCE_CASE.case_status, warn),
      Origin: picked(ctx, info, 'Origin', options.case_origin, SALESFORCE_CASE.case_origin, warn),
      Priority: picked(ctx, info, 'Priority', options.case_priority, SALESFORCE_CASE.case_priority, warn),
    }).filter(([, value]) => value !== undefined),
  );
  const person = await casePerson(ctx, contact);
  const cases = await query<SfCase>(ctx, `SELECT Id, CaseNumber, Status, Description FROM Case WHERE ${person.filter} ORDER BY LastModifiedDate DESC LIMIT 100`);
  const existing = chainRecord(cases, input, (c) => c.Description);
  const description = [input.description, markerLine([...markedBookings(existing?.Description), ...chainBookingIds(input)])].filter(Boolean).join('\n\n');
  const body = {
    Subject: picked(ctx, info, 'Subject', input.subject ?? `Booking ${input.booking_id}`, CASE.subject, warn),
    Description: picked(ctx, info, 'Description', description, CASE.description, warn),
    ...values,
  };
  const result = (id: string, found: Partial<SfCase>, action: CaseResult['action']): CaseResult => ({
    id,
    crm: 'salesforce',
    created: action === 'created',
    action,
    case_number: found.CaseNumber ?? null,
    status: found.Status ?? null,
    booking_id: input.booking_id,
    contact_id: contact.id,
    url: recordUrl(ctx.bundle, 'Case', id),
    warnings,
  });

  if (existing) {
    const written = await composite(ctx, [{ referenceId: 'update', method: 'PATCH', url: dataPath(`/sobjects/Case/${encodeURIComponent(existing.Id)}`), body }]);
    if (failed(written.get('update'))) throwSubFailure(ctx, written.get('update'), 'update the case');
    return result(existing.Id, { ...existing, Status: (values.Status as string | undefined) ?? existing.Status }, 'updated');
  }
  const recordType = recordTypeId ? { RecordTypeId: recordTypeId } : {};
  const created = await composite(ctx, [
    { referenceId: 'case', method: 'POST', url: dataPath('/sobjects/Case'), body: { ...body, ...person.link, ...recordType } },
    { referenceId: 'number', method: 'GET', url: dataPath('/sobjects/Case/@{case.id}?fields=CaseNumber,Status') },
  ]);
  if (failed(created.get('case'))) throwSubFailure(ctx, created.get('case'), 'create the case');
  const id = (created.get('case')!.body as { id: string }).id;
  return result(id, (created.get('number')?.body ?? {}) as Partial<SfCase>, 'created');
};

