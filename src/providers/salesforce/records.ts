import type { Bundle } from 'zapier-platform-core';
import { salesforce } from './client';
import type { Context } from '../types';
import { apiName, soqlLiteral } from './soql';
import type { QueryResult } from './composite';

/** The people records this connector writes; a Person Account is an Account with person fields. */
export type PersonObject = 'Lead' | 'Contact' | 'PersonAccount';

export const sobjectOf = (object: PersonObject): 'Lead' | 'Contact' | 'Account' =>
  object === 'PersonAccount' ? 'Account' : object;

/** Salesforce IDs start with their object's key prefix. */
const PREFIXES: Record<string, 'Lead' | 'Contact' | 'Account'> = { '00Q': 'Lead', '003': 'Contact', '001': 'Account' };

export const SALESFORCE_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

export const objectOfId = (id: string): 'Lead' | 'Contact' | 'Account' | undefined =>
  SALESFORCE_ID.test(id) ? PREFIXES[id.slice(0, 3)] : undefined;

/** Lightning record page; a Person Account opens as its Account. */
export const recordUrl = (bundle: Bundle, sobject: string, id: string): string =>
  `${String(bundle.authData?.instance_url ?? '').replace(/\/+$/, '')}/lightning/r/${apiName(sobject)}/${encodeURIComponent(id)}/view`;

/** One SOQL query in its own round trip (the first page is all this connector ever needs). */
export const query = async <T>(ctx: Context, soql: string): Promise<T[]> => {
  const response = await salesforce<QueryResult<T>>(ctx, { url: '/query', params: { q: soql } });
  return response.data.records ?? [];
};

/** The Contact behind a Person Account (its `PersonContactId`); undefined for a business Account. */
export const personContactOf = async (ctx: Context, accountId: string): Promise<string | undefined> =>
  (await query<{ PersonContactId?: string | null }>(ctx, `SELECT PersonContactId FROM Account WHERE Id = ${soqlLiteral(accountId)}`))[0]?.PersonContactId ?? undefined;
