import type { KeapService } from '../keap';
import type { OnceHubService } from '../oncehub';
import type { SalesforceService } from '../salesforce';
import { esc, page, table } from './html';
import type { ZapierCache } from '../zapier/cache';

/** The human view of the whole sandbox at `/`: both CRMs, OnceHub, and buttons to drive bookings. */

export interface Services {
  keap: KeapService;
  salesforce: SalesforceService;
  oncehub: OnceHubService;
  /** Zapier's z.cache, answered over the RPC the app's runtime calls. */
  zapierCache: ZapierCache;
}

const button = (action: string, label: string, fields: Record<string, string> = {}): { html: string } => ({
  html:
    `<form class="inline" method="post" action="${esc(action)}">` +
    Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join('') +
    `<button type="submit">${esc(label)}</button></form>`,
});

const link = (href: string, text: string): { html: string } => ({ html: `<a href="${esc(href)}">${esc(text)}</a>` });

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
  const tasks = [...s.tasks.values()].map((t) => [
    t.id,
    t.contact_id,
    t.title,
    t.type,
    t.priority,
    t.due_time,
    t.completed ? 'completed' : 'open',
    { html: t.history.map((h) => `${esc(h.time)} ${esc(h.via)}: ${esc(Object.entries(h.changes).map(([k, [, v]]) => `${k}=${JSON.stringify(v)}`).join(', '))}`).join('<br>') },
  ]);
  const notes = [...s.notes.values()].map((n) => [n.id, n.contact_id, n.type, n.title, n.text, n.created]);
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
  const rows = (type: string, columns: string[]) =>
    table(['Id', ...columns], org.all(type).map(({ id, record }) => [view(type, id), ...columns.map((c) => record.fields[c])]));
  const events = org.all('Event').map(({ id, record }) => [
    view('Event', id),
    record.fields.Subject,
    record.fields.StartDateTime,
    record.fields.EndDateTime,
    record.fields.WhoId,
    record.fields.Event_Status__c,
    record.fields.OnceHub_Booking_ID__c,
    { html: (org.eventHistory.get(id) ?? []).map((h) => `${esc(h.time)} ${esc(h.status ?? '-')} ${esc(h.start)} (${esc(h.changes.join(', '))})`).join('<br>') },
  ]);
  const features = Object.entries(org.features).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('/') : String(v)}`).join('; ');
  return (
    `<h2>Salesforce</h2><p class="muted">Org features: ${esc(features)}</p>` +
    '<h3>Leads</h3>' + rows('Lead', ['Name', 'Email', 'Company', 'Status', 'LeadSource', 'Region__c', 'LastModifiedDate']) +
    '<h3>Contacts</h3>' + rows('Contact', ['Name', 'Email', 'AccountId', 'LeadSource', 'LastModifiedDate']) +
    '<h3>Accounts (incl. Person Accounts)</h3>' + rows('Account', ['Name', ...(org.features.personAccounts ? ['IsPersonAccount', 'PersonEmail', 'PersonContactId'] : []), 'LastModifiedDate']) +
    '<h3>Events</h3>' + table(['Id', 'Subject', 'Start', 'End', 'WhoId', 'Status', 'Booking ID', 'Status history'], events) +
    '<h3>Topics</h3>' + rows('Topic', ['Name', 'TalkingAbout']) +
    '<h3>Topic assignments</h3>' + rows('TopicAssignment', ['TopicId', 'EntityId', 'EntityType'])
  );
};

const oncehubSection = ({ oncehub }: Services): string => {
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
    ['scheduled', 'rescheduled'].includes(b.status)
      ? {
          html: [
            button(`/_sandbox/oncehub/bookings/${b.id}/reschedule`, 'Reschedule +1 day', {
              newStart: new Date(Date.parse(b.starting_time) + 86_400_000).toISOString(),
              reason: 'Rescheduled from the sandbox page',
            }).html,
            button(`/_sandbox/oncehub/bookings/${b.id}/cancel`, 'Cancel', { reason: 'Canceled from the sandbox page' }).html,
            button(`/_sandbox/oncehub/bookings/${b.id}/complete`, 'Complete').html,
            button(`/_sandbox/oncehub/bookings/${b.id}/no-show`, 'No-show').html,
            button(`/_sandbox/oncehub/bookings/${b.id}/reassign`, 'Reassign').html,
          ].join(''),
        }
      : b.status === 'completed'
        ? button(`/_sandbox/oncehub/bookings/${b.id}/no-show`, 'No-show')
        : '',
  ]);
  const webhooks = s.webhooks.map((w) => [w.id, w.name, w.url, w.events.join(', ')]);
  const deliveries = [...s.deliveries].reverse().map((d) => [
    d.time,
    d.eventType,
    d.bookingId,
    d.url,
    d.status ?? d.error,
    { html: d.ok ? '<span class="ok">ok</span>' : '<span class="bad">failed</span>' },
    d.verified === undefined ? 'n/a' : d.verified ? 'verified' : 'NOT verified',
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
      keapSection(services) +
      salesforceSection(services) +
      oncehubSection(services),
    autoRefresh ? 5 : undefined,
  );
