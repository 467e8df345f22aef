import { chainBookingIds, chainRecord, isMarkerLine, markedBookings, markerLine } from '../../activity';
import { exclusive } from '../../claims';
import { salesforce } from './client';
import { isOlderChange, readStatusChangedAt, statusChangedLine } from '../../lifecycle';
import type { ActivityResult, ContactRef } from '../../model';
import type { Context } from '../types';
import { composite, failed, queryRequest, recordsOf, throwSubFailure, type SubRequest } from './composite';
import { cacheKey, describeObject, fieldOf, salesforceOrg, type FieldInfo, type ObjectInfo } from './describe';
import { chosenRecordType } from './picklists';
import { named } from '../../input';
import { ACTIVITY, type ActivityPlan } from '../../inputs';
import { readEventOptions, SALESFORCE_EVENT } from './form';
import { objectOfId, query, recordUrl, SALESFORCE_ID } from './records';
import { selectList, soqlList, soqlLiteral } from './soql';
import { valueForField, type Warn } from './values';
import { cachedValue, invalidInput, shorten } from '../../kit';

/**
 * The custom Event fields that carry a booking's identity and lifecycle. Any text field can hold
 * the booking ID; a status or reason field is one of its natural type, or a text field named so.
 */
export const EVENT_FIELD_ROLES = {
  bookingId: { pattern: /booking_?id/i, types: ['string'], namedTypes: [] },
  status: { pattern: /status/i, types: ['picklist'], namedTypes: ['string'] },
  reason: { pattern: /reason/i, types: ['textarea'], namedTypes: ['string'] },
} as const;
export type EventFieldRole = keyof typeof EVENT_FIELD_ROLES;

export const SUGGESTED_BOOKING_FIELD = 'OnceHub_Booking_ID__c';

export const NO_BOOKING_FIELD_HELP =
  `Events need a custom field that stores the OnceHub booking ID, so a rescheduled or canceled booking updates its Event instead of adding another. ` +
  `Ask your Salesforce admin to add one: Setup → Object Manager → Activity → Fields & Relationships → New → Text (255), ` +
  `label "OnceHub Booking ID" (API name ${SUGGESTED_BOOKING_FIELD}), marked External ID. Then choose it in ${named(SALESFORCE_EVENT.booking_id_field)}.`;

/** Custom Event fields that can play a role: the right type and writable. */
export const roleCandidates = (info: ObjectInfo, role: EventFieldRole): FieldInfo[] => {
  const { pattern, types, namedTypes } = EVENT_FIELD_ROLES[role];
  return info.fields.filter(
    (field) =>
      field.custom &&
      field.createable &&
      field.updateable &&
      ((types as readonly string[]).includes(field.type) || ((namedTypes as readonly string[]).includes(field.type) && pattern.test(field.name))),
  );
};

export const detectRoleField = (info: ObjectInfo, role: EventFieldRole): FieldInfo | undefined =>
  roleCandidates(info, role).find((field) => EVENT_FIELD_ROLES[role].pattern.test(field.name));

const roleField = (ctx: Context, info: ObjectInfo, role: EventFieldRole, chosen: string | undefined, key: string): FieldInfo | undefined => {
  if (!chosen) return detectRoleField(info, role);
  const field = fieldOf(info, chosen);
  if (field && field.createable && field.updateable) return field;
  throw invalidInput(ctx.z, `${key} is set to "${chosen}", which is not an editable Event field for the connected user. Choose another field, or ask your admin for access.`);
};

type EventRow = { Id: string; Description?: string | null; [field: string]: unknown };

/** The step's own text for the Description: its description and the conferencing link. */
const eventText = (a: ActivityPlan): string | undefined =>
  [a.description, a.conferencing_url ? `Join: ${a.conferencing_url}` : ''].filter(Boolean).join('\n\n') || undefined;

/** Lines the connector adds to the Description; everything else there is the user's. */
const isConnectorLine = (line: string): boolean => readStatusChangedAt(line) !== undefined || isMarkerLine(line);

/**
 * The Description, or undefined to leave it as it is. The connector adds lines after the step's
 * text (or, without one, the text already there): when the status was set, with a status time,
 * and a marker per booking once the Event stands for a reschedule chain, so the chain's earlier
 * bookings stay findable after the booking ID field moved on. A step without a status time
 * clears a time an earlier step recorded.
 */
const eventDescription = (activity: ActivityPlan, existing: EventRow | undefined, bookingField: string): string | undefined => {
  const lines = (existing?.Description ?? '').split('\n');
  const own = lines.filter((line) => !isConnectorLine(line)).join('\n').trim();
  const bookings = new Set([activity.booking_id, activity.previous_booking_id, ...markedBookings(existing?.Description)]);
  if (existing?.[bookingField]) bookings.add(String(existing[bookingField]));
  bookings.delete(undefined);
  const block = [activity.status_updated_at ? statusChangedLine(activity.status_updated_at) : '', bookings.size > 1 ? markerLine([...bookings]) : '']
    .filter(Boolean)
    .join('\n');
  if (!block && !lines.some(isConnectorLine)) return eventText(activity);
  return [eventText(activity) ?? own, block].filter(Boolean).join('\n\n');
};

/**
 * The Event's fields, declaratively, with the step input each comes from (named in errors);
 * a value of undefined leaves the field as it is.
 */
const EVENT_VALUES: Array<[string, { key: string; label: string }, (activity: ActivityPlan) => unknown]> = [
  ['Subject', ACTIVITY.subject, (a) => a.subject ?? `Booking ${a.booking_id}`],
  ['StartDateTime', ACTIVITY.start_time, (a) => a.start_time],
  ['EndDateTime', ACTIVITY.end_time, (a) => a.end_time],
  ['Location', ACTIVITY.location, (a) => a.location ?? a.conferencing_url],
  // Checked here before any call; written after the lookup, with the connector's lines (eventDescription).
  ['Description', ACTIVITY.description, eventText],
  ['OwnerId', ACTIVITY.owner_id, (a) => a.owner_id],
  ['Type', ACTIVITY.activity_type, (a) => a.activity_type],
];

type RoleFields = { bookingField: FieldInfo; statusField?: FieldInfo; reasonField?: FieldInfo };

/** The Event's field values; checked before any call, so a bad picklist value costs no round trip. */
const eventValues = (ctx: Context, info: ObjectInfo, activity: ActivityPlan, roles: RoleFields, warn: Warn): Record<string, unknown> => {
  const fields: Record<string, unknown> = {};
  for (const [name, input, valueOf] of EVENT_VALUES) {
    const value = valueOf(activity);
    const field = fieldOf(info, name);
    if (value !== undefined && field) fields[field.name] = valueForField(ctx, field, String(value), named(input), warn);
  }
  fields[roles.bookingField.name] = valueForField(ctx, roles.bookingField, activity.booking_id, named(ACTIVITY.booking_id), warn);
  if (roles.statusField) fields[roles.statusField.name] = valueForField(ctx, roles.statusField, activity.status, named(ACTIVITY.status), warn);
  if (roles.reasonField && activity.cancel_reschedule_reason) {
    fields[roles.reasonField.name] = valueForField(ctx, roles.reasonField, activity.cancel_reschedule_reason, named(ACTIVITY.cancel_reschedule_reason), warn);
  }
  return fields;
};


/**
 * One booking chain's runs take turns (a claim on its booking IDs): lifecycle events that arrive
 * together would otherwise each create an Event, or overwrite a newer status with an older one.
 */
export const upsertActivityEvent = (ctx: Context, contact: ContactRef, activity: ActivityPlan): Promise<ActivityResult> =>
  exclusive(ctx, { account: salesforceOrg(ctx), kind: 'activity', ids: chainBookingIds(activity) }, `the Salesforce Event for booking ${activity.booking_id}`, () =>
    writeBookingEvent(ctx, contact, activity),
  );

/**
 * One Event per booking chain: the booking (or the one it replaces) is looked up by its ID
 * field, or by the markers in the Description of the person's OnceHub Events, together with a
 * Person Account's contact in the same round trip, then created or updated. With a status time,
 * an Event that already records a newer status is left as it is.
 */
/** The SOQL condition that finds a case by its ID (500…) or its Case Number. */
const caseCondition = (ctx: Context, value: string): string => {
  if (SALESFORCE_ID.test(value) && value.startsWith('500')) return `Id = ${soqlLiteral(value)}`;
  if (/^\d{1,30}$/.test(value)) return `CaseNumber = ${soqlLiteral(value)}`;
  throw invalidInput(ctx.z, `${named(SALESFORCE_EVENT.case_id)} must be a Case ID (it starts with 500) or a Case Number; got "${shorten(value)}".`);
};

/** The org's first closed task status (TaskStatus.IsClosed), remembered with the describes. */
const closedTaskStatus = async (ctx: Context): Promise<string | undefined> =>
  (
    await cachedValue(ctx.z, cacheKey(ctx, 'closed-task-status'), 3600, async () => {
      const [closed] = await query<{ MasterLabel: string }>(ctx, 'SELECT MasterLabel FROM TaskStatus WHERE IsClosed = true ORDER BY SortOrder LIMIT 1');
      return { label: closed?.MasterLabel };
    })
  ).label;

const writeBookingEvent = async (ctx: Context, contact: ContactRef, activity: ActivityPlan): Promise<ActivityResult> => {
  const options = readEventOptions(ctx);
  const object = options.log_as;
  // The chain's Event was created with this record type: its picklists offer the type's values where the UI API says.
  const { recordTypeId, info } = await chosenRecordType(
    ctx,
    await describeObject(ctx, object),
    object === 'Event' ? options.event_record_type_id : undefined,
    SALESFORCE_EVENT.event_record_type_id,
  );
  const bookingField = roleField(ctx, info, 'bookingId', options.booking_id_field, named(SALESFORCE_EVENT.booking_id_field));
  if (!bookingField) throw new ctx.z.errors.Error(NO_BOOKING_FIELD_HELP, 'BookingFieldMissing', 400);
  const statusField = roleField(ctx, info, 'status', options.status_field, named(SALESFORCE_EVENT.status_field));
  const reasonField = roleField(ctx, info, 'reason', options.reason_field, named(SALESFORCE_EVENT.reason_field));

  const who = objectOfId(contact.id);
  if (!who) throw invalidInput(ctx.z, `${named(ACTIVITY.contact_id)} "${contact.id}" is not the ID of a Salesforce Lead, Contact or Person Account.`);
  if (options.what_id && !SALESFORCE_ID.test(options.what_id)) throw invalidInput(ctx.z, `${named(SALESFORCE_EVENT.what_id)} "${options.what_id}" is not a Salesforce record ID.`);
  if (options.what_id && who === 'Lead') {
    throw invalidInput(ctx.z, `Salesforce cannot relate an Event to both a Lead and another record: clear ${named(SALESFORCE_EVENT.what_id)}, or convert the Lead first.`);
  }
  if (options.what_id && options.case_id) {
    throw invalidInput(ctx.z, `Set ${named(SALESFORCE_EVENT.case_id)} or ${named(SALESFORCE_EVENT.what_id)}, not both: an Event is related to one record.`);
  }
  const caseLookup = options.case_id ? caseCondition(ctx, options.case_id) : undefined;

  const warnings: string[] = [];
  const warn: Warn = (warning) => warnings.push(warning);
  const fields = eventValues(ctx, info, activity, { bookingField, statusField, reasonField }, warn);

  const bookingIds = chainBookingIds(activity);
  const description = fieldOf(info, 'Description');
  // A person account's Events carry its person contact as WhoId and the account as AccountId.
  const personEvents = description
    ? ` OR (${who === 'Account' ? 'AccountId' : 'WhoId'} = ${soqlLiteral(contact.id)} AND ${bookingField.name} != null)`
    : '';
  const requests: SubRequest[] = [
    queryRequest(
      'events',
      `SELECT ${selectList(['Id', bookingField.name, ...(statusField ? [statusField.name] : []), ...(description ? [description.name] : [])])} FROM ${object} ` +
        `WHERE ${bookingField.name} IN ${soqlList(bookingIds)}${personEvents} ORDER BY CreatedDate ASC LIMIT 100`,
    ),
  ];
  if (who === 'Account') requests.push(queryRequest('person', `SELECT Id, PersonContactId FROM Account WHERE Id = ${soqlLiteral(contact.id)}`));
  if (caseLookup) requests.push(queryRequest('case', `SELECT Id, ContactId FROM Case WHERE ${caseLookup} LIMIT 1`));
  const responses = await composite(ctx, requests);
  if (caseLookup && failed(responses.get('case'))) throwSubFailure(ctx, responses.get('case'), 'read the related case');
  const relatedCase = caseLookup ? recordsOf<{ Id: string; ContactId?: string | null }>(responses.get('case'))[0] : undefined;
  if (caseLookup && !relatedCase) throw invalidInput(ctx.z, `No Salesforce case has the ID or number "${options.case_id}" in ${named(SALESFORCE_EVENT.case_id)}.`);
  if (failed(responses.get('events'))) throwSubFailure(ctx, responses.get('events'), 'look up the booking’s Event');
  if (who === 'Account' && failed(responses.get('person'))) throwSubFailure(ctx, responses.get('person'), 'read the Person Account');
  const rows = recordsOf<EventRow>(responses.get('events'));
  const existing =
    bookingIds.map((id) => rows.find((row) => row[bookingField.name] === id)).find(Boolean) ??
    chainRecord(rows, activity, (row) => row.Description);

  const personId = who === 'Account' ? recordsOf<{ PersonContactId?: string | null }>(responses.get('person'))[0]?.PersonContactId : contact.id;
  if (!personId) throw invalidInput(ctx.z, `${named(ACTIVITY.contact_id)} "${contact.id}" is a business Account, not a person: map a Contact, Lead or Person Account.`);
  // An Event related to a case names the case's contact; a Lead cannot share an Event with a case.
  if (relatedCase && !relatedCase.ContactId && who === 'Lead') {
    throw invalidInput(ctx.z, `Salesforce cannot relate an Event to both a Lead and a case, and case ${options.case_id} has no contact: clear ${named(SALESFORCE_EVENT.case_id)}, or give the case a contact.`);
  }
  const whoId = relatedCase?.ContactId ?? personId;
  const whatId = relatedCase?.Id ?? options.what_id;

  const result = (id: string, action: ActivityResult['action']): ActivityResult => ({
    id,
    crm: 'salesforce',
    created: action === 'created',
    action,
    status: activity.status,
    booking_id: activity.booking_id,
    url: id ? recordUrl(ctx.bundle, object, id) : '',
    object_type: object,
    who_id: whoId,
    what_id: whatId ?? null,
    booking_id_field: bookingField.name,
    status_field: statusField?.name ?? null,
    warnings,
  });

  if (existing && activity.status_updated_at) {
    const recorded = { status: statusField ? String(existing[statusField.name] ?? '') : '', at: readStatusChangedAt(existing.Description) ?? '' };
    if (isOlderChange({ status: activity.status, at: activity.status_updated_at }, recorded)) {
      return { ...result(existing.Id, 'skipped_stale'), status: recorded.status || activity.status };
    }
  }

  if (activity.status === 'Canceled' && options.on_cancel === 'delete') {
    if (existing) await salesforce(ctx, { url: `/sobjects/${object}/${encodeURIComponent(existing.Id)}`, method: 'DELETE' });
    return result(existing?.Id ?? '', 'deleted');
  }

  if (description) {
    const text = eventDescription(activity, existing, bookingField.name);
    if (text !== undefined) fields[description.name] = valueForField(ctx, description, text, named(ACTIVITY.description), warn);
  }
  if (object === 'Task') {
    // A Task is due on the booking's day; a completed or missed meeting closes it with the org's closed status.
    fields.ActivityDate = activity.start_time.slice(0, 10);
    const done = activity.status === 'Completed' || activity.status === 'No-show';
    const closed = done ? await closedTaskStatus(ctx) : undefined;
    if (closed) fields.Status = closed;
  }
  const body = { WhoId: whoId, ...(whatId ? { WhatId: whatId } : {}), ...fields };
  if (existing) {
    await salesforce(ctx, { url: `/sobjects/${object}/${encodeURIComponent(existing.Id)}`, method: 'PATCH', json: body });
    return result(existing.Id, 'updated');
  }
  const created = await salesforce<{ id: string }>(ctx, { url: `/sobjects/${object}`, method: 'POST', json: { ...body, ...(recordTypeId ? { RecordTypeId: recordTypeId } : {}) } });
  return result(created.data.id, 'created');
};
