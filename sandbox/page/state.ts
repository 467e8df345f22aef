import type { KeapService } from '../keap';
import type { OnceHubService } from '../oncehub';
import type { SalesforceService } from '../salesforce';
import { esc, page, table } from './html';
import type { ZapierCache } from '../zapier/cache';
import { allowedActions, type LifecycleAction } from '../oncehub/lifecycle';
import type { ActivityChange } from '../keap/store';
import type { EventChange } from '../salesforce/org';
import { shortValue, zapBanner, zapSection, zapVerdict, type ZapView } from './zap';

/** The human view of the whole sandbox at `/`: both CRMs, OnceHub, and buttons to drive bookings. */

export interface Services {
  keap: KeapService;
  salesforce: SalesforceService;
  oncehub: OnceHubService;
  /** Zapier's z.cache, answered over the RPC the app's runtime calls. */
  zapierCache: ZapierCache;
  /** The live zap `npm start` runs, when there is one. */
  zap?: ZapView;
}

const button = (action: string, label: string, fields: Record<string, string> = {}): { html: string } => ({
  html:
    `<form class="inline" method="post" action="${esc(action)}">` +
    Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join('') +
    `<button type="submit">${esc(label)}</button></form>`,
});

const link = (href: string, text: string): { html: string } => ({ html: `<a href="${esc(href)}">${esc(text)}</a>` });

/** One task write as a line a person reads: when, through which call, and what changed. */
const taskChange = (change: ActivityChange): string => {
  const created = Object.values(change.changes).every(([before]) => before === undefined);
  const parts = Object.entries(change.changes)
    .filter(([field]) => !(created && field === 'description'))
    .map(([field, [, after]]) => (field === 'description' ? 'description rewritten' : `${field.replace(/_/g, ' ')} ${shortValue(after, 60)}`));
  return `${change.time.slice(0, 19).replace('T', ' ')} · ${created ? 'created' : 'changed'} (${change.via}): ${parts.join('; ') || 'nothing'}`;
};

/** One Event write as a line: created or what changed, and where the Event then stood. */
const eventChange = (change: EventChange): string =>
  `${change.time.slice(0, 19).replace('T', ' ')} · ${change.changes.includes('created') ? 'created' : `changed ${change.changes.join(', ')}`}: status ${shortValue(change.status)}, starts ${shortValue(change.start)}`;

const lines = (items: string[]): { html: string } => ({ html: items.map(esc).join('<br>') });

const keapSection = ({ keap }: Services): string => {
  const s = keap.store;
  const tagName = (id: number) => s.tags.get(id)?.name ?? String(id);
  const contacts = [...s.contacts.values()].map((c) => [
    link(`/keap/web/Contact/manageContact.jsp?view=edit&ID=${c.id}`, String(c.id)),
    [c.fields.given_name, c.fields.family_name].filter(Boolean).join(' '),
    c.email_addresses.map((e) => e.email).join(', '),
    c.phone_numbers.map((p) => p.number).join(', '),
    c.fields.company_name,
    c.fields.contact_type,
    c.fields.leadsource_id ? (s.leadSources.get(Number(c.fields.leadsource_id))?.name ?? c.fields.leadsource_id) : '',
    c.addresses.map((a) => [a.locality, a.region, a.country_code].filter(Boolean).join(', ')).join(' / '),
    Object.keys(c.tags).map((id) => tagName(Number(id))).join(', '),
    c.updated,
  ]);
  const tags = [...s.tags.values()].map((t) => [t.id, t.name, t.category_id ? s.tagCategories.get(t.category_id)?.name : '']);
  const categories = [...s.tagCategories.values()].map((c) => [c.id, c.name]);
  const sources = [...s.leadSources.values()].map((l) => [l.id, l.name, l.status, l.lead_source_category_id ? s.leadSourceCategories.get(l.lead_source_category_id)?.name : '']);
  const sourceCategories = [...s.leadSourceCategories.values()].map((c) => [c.id, c.name]);
  const contactName = (id: number | undefined) => {
    const contact = id === undefined ? undefined : s.contacts.get(id);
    return contact ? `${[contact.fields.given_name, contact.fields.family_name].filter(Boolean).join(' ') || contact.email_addresses[0]?.email} (${id})` : (id ?? '');
  };
  const tasks = [...s.tasks.values()].map((t) => [
    t.id,
    contactName(t.contact_id),
    t.title,
    t.type,
    t.priority,
    t.due_time,
    t.completed ? 'completed' : 'open',
    lines(t.history.map(taskChange)),
  ]);
  const notes = [...s.notes.values()].map((n) => [n.id, contactName(n.contact_id), n.type, n.title, shortValue(n.text, 300), n.created]);
  return (
    `<h2>Keap (${esc(keap.tenant)})</h2><h3>Contacts</h3>` +
    table(['ID', 'Name', 'Emails', 'Phones', 'Company', 'Contact type', 'Lead source', 'Address', 'Tags', 'Updated'], contacts) +
    '<h3>Tags</h3>' + table(['ID', 'Name', 'Category'], tags) +
    '<h3>Tag categories</h3>' + table(['ID', 'Name'], categories) +
    '<h3>Lead sources</h3>' + table(['ID', 'Name', 'Status', 'Category'], sources) +
    '<h3>Lead source categories</h3>' + table(['ID', 'Name'], sourceCategories) +
    '<h3>Tasks</h3>' + table(['ID', 'Contact', 'Title', 'Type', 'Priority', 'Due', 'State', 'History'], tasks) +
    '<h3>Notes</h3>' + table(['ID', 'Contact', 'Type', 'Title', 'Text', 'Created'], notes)
  );
};

const salesforceSection = ({ salesforce }: Services): string => {
  const org = salesforce.org;
  const view = (type: string, id: string) => link(`/salesforce/lightning/r/${type}/${id}/view`, id);
  /** A referenced record's name beside its ID. */
  const named = (id: unknown) => {
    const found = typeof id === 'string' ? org.get(id) : undefined;
    return found ? `${String(found.fields.Name ?? found.fields.Subject ?? found.type)} (${found.type} ${id as string})` : (id ?? '');
  };
  /** A reference field shows the record's name beside its ID. */
  const rows = (type: string, columns: string[]) => {
    const isReference = (column: string) => org.schema[type]?.fields.some((field) => field.name === column && field.type === 'reference');
    return table(
      ['Id', ...columns],
      org.all(type).map(({ id, record }) => [view(type, id), ...columns.map((c) => (isReference(c) ? named(record.fields[c]) : record.fields[c]))]),
    );
  };
  const events = org.all('Event').map(({ id, record }) => [
    view('Event', id),
    record.fields.Subject,
    record.fields.StartDateTime,
    record.fields.EndDateTime,
    named(record.fields.WhoId),
    record.fields.Event_Status__c,
    record.fields.OnceHub_Booking_ID__c,
    lines((org.eventHistory.get(id) ?? []).map(eventChange)),
  ]);
  const features = Object.entries(org.features).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('/') : String(v)}`).join('; ');
  return (
    `<h2>Salesforce</h2><p class="muted">Org features: ${esc(features)}</p>` +
    '<h3>Leads</h3>' + rows('Lead', ['Name', 'Email', 'Company', 'Status', 'LeadSource', 'Region__c', 'LastModifiedDate']) +
    '<h3>Contacts</h3>' + rows('Contact', ['Name', 'Email', 'AccountId', 'LeadSource', 'LastModifiedDate']) +
    '<h3>Accounts (incl. Person Accounts)</h3>' + rows('Account', ['Name', ...(org.features.personAccounts ? ['IsPersonAccount', 'PersonEmail', 'PersonContactId'] : []), 'LastModifiedDate']) +
    '<h3>Events</h3>' + table(['Id', 'Subject', 'Start', 'End', 'WhoId', 'Status', 'Booking ID', 'Status history'], events) +
    '<h3>Tasks</h3>' + rows('Task', ['Subject', 'ActivityDate', 'WhoId', 'Status', 'Event_Status__c', 'OnceHub_Booking_ID__c']) +
    '<h3>Notes</h3>' + rows('Note', ['Title', 'ParentId', 'LastModifiedDate']) +
    '<h3>Cases</h3>' + rows('Case', ['CaseNumber', 'Subject', 'Status', 'Origin', 'Priority', 'ContactId', 'SuppliedEmail', 'RecordTypeId']) +
    '<h3>Campaign members</h3>' + rows('CampaignMember', ['CampaignId', 'LeadId', 'ContactId', 'Status']) +
    '<h3>Topics</h3>' + rows('Topic', ['Name', 'TalkingAbout']) +
    '<h3>Topic assignments</h3>' + rows('TopicAssignment', ['TopicId', 'EntityId'])
  );
};

const ACTION_BUTTONS: Record<LifecycleAction, (booking: { id: string; starting_time: string }) => { html: string }> = {
  reschedule: (b) =>
    button(`/_sandbox/oncehub/bookings/${b.id}/reschedule`, 'Reschedule +1 day', {
      newStart: new Date(Date.parse(b.starting_time) + 86_400_000).toISOString(),
      reason: 'Rescheduled from the sandbox page',
    }),
  cancel: (b) => button(`/_sandbox/oncehub/bookings/${b.id}/cancel`, 'Cancel', { reason: 'Canceled from the sandbox page' }),
  complete: (b) => button(`/_sandbox/oncehub/bookings/${b.id}/complete`, 'Complete'),
  'no-show': (b) => button(`/_sandbox/oncehub/bookings/${b.id}/no-show`, 'No-show'),
  reassign: (b) => button(`/_sandbox/oncehub/bookings/${b.id}/reassign`, 'Reassign'),
};

const oncehubSection = ({ oncehub, zap }: Services): string => {
  const s = oncehub.store;
  const bookings = [...s.bookings].reverse().map((b) => [
    b.id,
    b.status,
    b.subject,
    b.starting_time,
    `${b.form_submission.name} <${b.form_submission.email}>`,
    b.booking_page,
    b.rescheduled_booking_id,
    b.cancel_reschedule_information?.reason,
    { html: allowedActions(s, b).map((action) => ACTION_BUTTONS[action](b).html).join('') },
  ]);
  const webhooks = s.webhooks.map((w) => [w.id, w.name, w.url, w.events.join(', ')]);
  const deliveries = [...s.deliveries].reverse().map((d) => [
    d.time,
    d.eventType,
    d.bookingId,
    d.url,
    d.status ?? d.error,
    { html: d.ok ? '<span class="ok">ok</span>' : '<span class="bad">failed</span>' },
    d.verified === undefined ? zapVerdict(zap, d.signature) : d.verified ? 'signed; verified by the receiver' : 'signed; the receiver refused it',
    d.redeliveryOf ?? '',
    button(`/_sandbox/oncehub/deliveries/${d.id}/redeliver`, 'Redeliver'),
  ]);
  const bookForm =
    '<form method="post" action="/_sandbox/oncehub/book">' +
    '<input name="name" placeholder="Customer name" required> <input name="email" type="email" placeholder="email" required> ' +
    '<input name="company" placeholder="company"> <input name="phone" placeholder="phone"> <button type="submit">Book</button></form>';
  return (
    `<h2>OnceHub</h2>${bookForm}<h3>Bookings</h3>` +
    table(['ID', 'Status', 'Subject', 'Start', 'Customer', 'Booking page', 'Rescheduled from', 'Reason', 'Actions'], bookings) +
    '<h3>Webhooks</h3>' + table(['ID', 'Name', 'URL', 'Events'], webhooks) +
    '<h3>Webhook deliveries</h3>' + table(['Time', 'Event', 'Booking', 'URL', 'Status', 'Result', 'Signature', 'Redelivery of', ''], deliveries)
  );
};

export const renderState = (services: Services, autoRefresh: boolean): string =>
  page(
    'CRM sandbox',
    '<h1>OnceHub → Keap / Salesforce sandbox</h1>' +
      `<p><a href="/">Refresh</a> · ${autoRefresh ? '<a href="/">Stop auto-refresh</a>' : '<a href="/?auto=1">Auto-refresh every 5 s</a>'} · ` +
      '<a href="/_sandbox/state">JSON state</a></p>' +
      zapBanner(services.zap) +
      oncehubSection(services) +
      zapSection(services.zap) +
      keapSection(services) +
      salesforceSection(services),
    autoRefresh ? 5 : undefined,
  );
