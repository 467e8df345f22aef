import type { HttpResponse, ZObject } from 'zapier-platform-core';
import { retryAfterSeconds, statusMessage, throwForCommonFailures } from '../../http/errors';
import { shorten } from '../../kit';

/** One entry of Salesforce's error array (REST uses `errorCode`, collections use `statusCode`). */
export type SalesforceError = {
  message?: string;
  errorCode?: string;
  statusCode?: string;
  fields?: string[];
  /** Real responses spell it `duplicateResut`; some fixtures use `duplicateResult`. */
  duplicateResut?: DuplicateResult;
  duplicateResult?: DuplicateResult;
};

type DuplicateResult = {
  duplicateRule?: string;
  matchResults?: Array<{ matchRecords?: Array<{ record?: { Id?: string } }> }>;
};

const codeOf = (error: SalesforceError): string => error.errorCode ?? error.statusCode ?? 'UNKNOWN_ERROR';

export const duplicateMatchIds = (error: SalesforceError): string[] =>
  ((error.duplicateResut ?? error.duplicateResult)?.matchResults ?? [])
    .flatMap((match) => match.matchRecords ?? [])
    .map((record) => record.record?.Id)
    .filter((id): id is string => Boolean(id));

const fieldsText = (error: SalesforceError): string =>
  error.fields && error.fields.length ? error.fields.join(', ') : '';

/** Salesforce's messages often lack a full stop ("invalid cross reference id"); the advice after one starts a new sentence. */
const sentence = (text: string): string => (text === '' || /[.!?…]$/.test(text) ? text : `${text}.`);

/** The sentence a user sees for one Salesforce error entry. */
export const describeSalesforceError = (error: SalesforceError): string => {
  const code = codeOf(error);
  const message = shorten((error.message ?? '').trim(), 400);
  const fields = fieldsText(error);
  const onFields = fields ? ` (field: ${fields})` : '';
  switch (code) {
    case 'REQUIRED_FIELD_MISSING':
      return `Salesforce needs a value for ${fields || message.replace(/^Required fields are missing:\s*/i, '')}. Map that field in this step or give it a default in Salesforce.`;
    case 'INVALID_FIELD':
    case 'INVALID_FIELD_FOR_INSERT_UPDATE':
      return `Salesforce does not accept a field this step sent${onFields}: ${sentence(message)} Check that the field exists and the connected user can edit it.`;
    case 'FIELD_CUSTOM_VALIDATION_EXCEPTION':
      return `A Salesforce validation rule blocked the save${onFields}: ${sentence(message)} Change the mapped value or ask your Salesforce admin about the rule.`;
    case 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST':
      return `Salesforce rejected a picklist value${onFields}: ${sentence(message)} Choose one of the field's active values from the dropdown.`;
    case 'INVALID_EMAIL_ADDRESS':
      return `Salesforce rejected an email address${onFields || ' (field: Email)'}: ${sentence(message)} Map a valid email address.`;
    case 'STRING_TOO_LONG':
      return `A value is too long for Salesforce${onFields}: ${sentence(message)} Shorten the mapped value.`;
    case 'DUPLICATES_DETECTED': {
      const ids = duplicateMatchIds(error);
      const rule = (error.duplicateResut ?? error.duplicateResult)?.duplicateRule;
      return (
        `A Salesforce duplicate rule${rule ? ` (${rule})` : ''} blocked this save: ${message || 'a matching record already exists.'}` +
        (ids.length ? ` Matching record IDs: ${ids.join(', ')}.` : '') +
        ' Update the existing record instead, or ask your Salesforce admin to let this rule allow saves.'
      );
    }
    case 'DUPLICATE_VALUE':
      return `Salesforce found a duplicate value in a unique field${onFields}: ${message}`;
    case 'FIELD_INTEGRITY_EXCEPTION':
      return `Salesforce rejected how the records are linked${onFields}: ${sentence(message)} (A Lead cannot be combined with a related record such as a Case.)`;
    case 'INVALID_CROSS_REFERENCE_KEY':
    case 'MALFORMED_ID':
      return `Salesforce could not find a record for an ID this step sent${onFields}: ${sentence(message)} Check the mapped record ID.`;
    case 'ENTITY_IS_DELETED':
    case 'NOT_FOUND':
      return `The Salesforce record no longer exists${onFields}: ${message}`;
    case 'INSUFFICIENT_ACCESS_OR_READONLY':
    case 'INSUFFICIENT_ACCESS':
      return `The connected Salesforce user is not allowed to do this: ${sentence(message)} Ask your admin for access, or reconnect as a user who has it.`;
    case 'API_DISABLED_FOR_ORG':
      return `This Salesforce org has no API access (${message}). Professional Edition needs the API add-on; ask your Salesforce admin.`;
    default:
      return `Salesforce error ${code}${onFields}: ${message || 'no details given.'}`;
  }
};

export const salesforceErrorsOf = (data: unknown): SalesforceError[] => {
  if (Array.isArray(data)) return data as SalesforceError[];
  if (data && typeof data === 'object') {
    const object = data as { error?: string; error_description?: string; message?: string; errorCode?: string };
    if (object.errorCode) return [object as SalesforceError];
    if (object.error) return [{ errorCode: object.error, message: object.error_description ?? object.error }];
  }
  return [];
};

const isRequestLimit = (errors: SalesforceError[]) => errors.some((e) => codeOf(e) === 'REQUEST_LIMIT_EXCEEDED');

/**
 * Salesforce gives no retry hint for its API limits. The daily limit is a rolling 24 hours,
 * so an hour is a sensible first wait; the concurrent-request limit clears within a minute.
 */
const requestLimitDelaySeconds = (response: HttpResponse, errors: SalesforceError[]): number =>
  retryAfterSeconds(response) ??
  (errors.some((e) => /concurrent/i.test(e.message ?? '')) ? 60 : 3600);

/** Turns a Salesforce REST failure into an error a no-code user can act on. */
export const throwForSalesforceError = (z: ZObject, response: HttpResponse): HttpResponse => {
  throwForCommonFailures(z, response, 'Salesforce', (r) => retryAfterSeconds(r) ?? 60);
  if (response.status < 400 && response.status !== 300) return response;

  const errors = salesforceErrorsOf(response.data);
  if (isRequestLimit(errors)) {
    const delay = requestLimitDelaySeconds(response, errors);
    throw new z.errors.ThrottledError(
      `Salesforce API request limit reached (${errors.map((e) => e.message).join(' ')}). Zapier will retry this step later.`,
      delay,
    );
  }
  if (response.status === 300) {
    throw new z.errors.Error(
      'Salesforce found more than one matching record. Use a more specific value or pick the record by ID.',
      'SalesforceMultipleChoices',
      300,
    );
  }
  const message = errors.length
    ? errors.map(describeSalesforceError).join(' ')
    : statusMessage('Salesforce', response.status);
  throw new z.errors.Error(message, errors[0] ? codeOf(errors[0]) : `Salesforce${response.status}`, response.status);
};
