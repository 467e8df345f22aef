import { keapUrls } from '../../src/providers/keap/config';
import { SALESFORCE_API_VERSION } from '../../src/providers/salesforce/config';
import { BOOKING_STATUSES } from '../../src/model';
import type { Connection } from './connect';

/**
 * Checks what the CRMs hold after a booking lifecycle, by asking their own APIs over HTTP
 * (the same questions would work against real accounts): one contact per person, one
 * activity per booking with its latest status, and the right lifecycle tags.
 */
export type Expectation = {
  email: string;
  /** Booking ids that must all point at one activity (a booking and its reschedules). */
  bookings: string[];
  finalStatus: string;
  /** Booking-specific tags the contact must carry, e.g. `Scheduled (Booking ID: BKNG-1)`. */
  bookingTags: string[];
};

export type Check = { crm: string; what: string; ok: boolean; detail: string };

const getJson = async (url: string, token: string): Promise<any> => {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url.split('?')[0]} answered HTTP ${response.status}`);
  return response.json();
};

const soqlString = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const tagChecks = (crm: string, expected: Expectation, names: string[]): Check[] => {
  const has = (name: string) => names.some((n) => n.toLowerCase() === name.toLowerCase());
  const otherGeneric = BOOKING_STATUSES.filter((s) => s !== expected.finalStatus && has(s));
  return [
    {
      crm,
      what: `${expected.email} carries "${expected.finalStatus}" and no other status tag`,
      ok: has(expected.finalStatus) && otherGeneric.length === 0,
      detail: `status tags: ${BOOKING_STATUSES.filter(has).join(', ') || 'none'}`,
    },
    {
      crm,
      what: `${expected.email} carries its booking-specific tags`,
      ok: expected.bookingTags.every(has),
      detail: `missing: ${expected.bookingTags.filter((t) => !has(t)).join(', ') || 'none'}`,
    },
    {
      crm,
      what: `${expected.email} has no duplicate tags`,
      ok: new Set(names.map((n) => n.toLowerCase())).size === names.length,
      detail: `${names.length} tags`,
    },
  ];
};

const verifyKeap = async (connection: Connection, expected: Expectation): Promise<Check[]> => {
  const token = connection.authData.access_token!;
  const base = keapUrls.apiBase();
  const { contacts = [] } = await getJson(
    `${base}/v2/contacts?filter=${encodeURIComponent(`email==${expected.email}`)}&fields=email_addresses`,
    token,
  );
  const checks: Check[] = [
    { crm: 'keap', what: `one contact for ${expected.email}`, ok: contacts.length === 1, detail: `${contacts.length} found` },
  ];
  if (contacts.length !== 1) return checks;
  const id = String(contacts[0].id);
  const { tags = [] } = await getJson(`${base}/v1/contacts/${id}/tags`, token);
  checks.push(...tagChecks('keap', expected, tags.map((t: { tag: { name: string } }) => t.tag.name)));
  const { tasks = [] } = await getJson(`${base}/v2/tasks?contact_id=${id}&page_size=1000`, token);
  const forBooking = tasks.filter((task: { description?: string }) =>
    expected.bookings.some((booking) => (task.description ?? '').includes(booking)),
  );
  checks.push({
    crm: 'keap',
    what: `one task for booking ${expected.bookings.join(' → ')}, status ${expected.finalStatus}`,
    ok: forBooking.length === 1 && String(forBooking[0].title ?? '').startsWith(`${expected.finalStatus}:`),
    detail: `${forBooking.length} found${forBooking[0] ? `: "${forBooking[0].title}"` : ''}`,
  });
  const { notes = [] } = await getJson(`${base}/v2/contacts/${id}/notes?page_size=1000`, token);
  checks.push(oneFor('keap', 'note', expected, notes.map((note: { title?: string; text?: string }) => ({ title: note.title, text: note.text }))));
  return checks;
};

/** One record of a kind for the booking's chain (its markers name every booking); a note's title also shows the final status. */
const oneFor = (crm: string, kind: string, expected: Expectation, records: Array<{ title?: string | null; text?: string | null }>, titled = true): Check => {
  const forBooking = records.filter((record) => expected.bookings.some((booking) => (record.text ?? '').includes(`[OnceHub booking ${booking}]`)));
  return {
    crm,
    what: `one ${kind} for booking ${expected.bookings.join(' → ')}${titled ? `, titled ${expected.finalStatus}` : ''}`,
    ok: forBooking.length === 1 && (!titled || String(forBooking[0]!.title ?? '').startsWith(`${expected.finalStatus}:`)),
    detail: `${forBooking.length} found${forBooking[0] ? `: "${forBooking[0].title}"` : ''}`,
  };
};

const verifySalesforce = async (connection: Connection, expected: Expectation): Promise<Check[]> => {
  const token = connection.authData.access_token!;
  const query = async (soql: string) =>
    (await getJson(
      `${connection.authData.instance_url}/services/data/${SALESFORCE_API_VERSION}/query?q=${encodeURIComponent(soql)}`,
      token,
    )).records as Array<Record<string, any>>;
  const email = soqlString(expected.email);
  const people = [
    ...(await query(`SELECT Id FROM Contact WHERE Email = ${email}`)),
    ...(await query(`SELECT Id FROM Lead WHERE Email = ${email} AND IsConverted = false`)),
  ];
  const checks: Check[] = [
    { crm: 'salesforce', what: `one Lead or Contact for ${expected.email}`, ok: people.length === 1, detail: `${people.length} found` },
  ];
  if (people.length !== 1) return checks;
  const id = people[0]!.Id as string;
  const assignments = await query(`SELECT TopicId FROM TopicAssignment WHERE EntityId = ${soqlString(id)}`);
  const topicIds = assignments.map((a) => soqlString(a.TopicId));
  const topics = topicIds.length ? await query(`SELECT Name FROM Topic WHERE Id IN (${topicIds.join(', ')})`) : [];
  checks.push(...tagChecks('salesforce', expected, topics.map((t) => t.Name as string)));
  const events = await query(`SELECT Id, Event_Status__c, OnceHub_Booking_ID__c FROM Event WHERE WhoId = ${soqlString(id)}`);
  const forBooking = events.filter((event) => expected.bookings.includes(event.OnceHub_Booking_ID__c));
  checks.push({
    crm: 'salesforce',
    what: `one Event for booking ${expected.bookings.join(' → ')}, status ${expected.finalStatus}`,
    ok: forBooking.length === 1 && forBooking[0]!.Event_Status__c === expected.finalStatus,
    detail: `${forBooking.length} found${forBooking[0] ? `, status ${forBooking[0].Event_Status__c}` : ''}`,
  });
  const notes = await query(`SELECT Title, Body FROM Note WHERE ParentId = ${soqlString(id)}`);
  checks.push(oneFor('salesforce', 'note', expected, notes.map((note) => ({ title: note.Title, text: note.Body }))));
  const cases = await query(`SELECT Subject, Description FROM Case WHERE SuppliedEmail = ${email}`);
  checks.push(oneFor('salesforce', 'case', expected, cases.map((c) => ({ title: c.Subject, text: c.Description })), false));
  return checks;
};

export const verifyCrmState = async (connections: Connection[], expectations: Expectation[]): Promise<Check[]> => {
  const checks: Check[] = [];
  for (const connection of connections) {
    for (const expected of expectations) {
      try {
        checks.push(...(await (connection.crm === 'keap' ? verifyKeap : verifySalesforce)(connection, expected)));
      } catch (error) {
        checks.push({ crm: connection.crm, what: `read ${expected.email}`, ok: false, detail: (error as Error).message });
      }
    }
  }
  return checks;
};
