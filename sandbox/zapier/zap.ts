import App from '../../index';
import type { Connection } from './connect';
import type { Delivery } from './hooks';
import { runWithRefresh, type AppTester } from './runtime';

/** A New Booking record as the trigger outputs it (the fields the zap maps). */
export type BookingRecord = Record<string, unknown> & {
  id: string;
  booking_id: string;
  event: string;
  status: string;
  customer_email: string;
};

/** One step of one run as Zapier's run history shows it: what the step was given, and its output or its error message. */
export type StepResult = {
  crm: string;
  step: string;
  ok: boolean;
  summary: string;
  input: Record<string, unknown>;
  output?: Record<string, unknown>;
  error?: string;
};
export type RunResult = { record?: BookingRecord; skipped?: string; steps: StepResult[] };

/**
 * Keap creates a lead source from the booking's "Master page > Event type > Booking page" name;
 * Salesforce only takes an active LeadSource picklist value, so a user picks one there.
 */
const LEAD_SOURCE: Record<Connection['crm'], (record: BookingRecord) => unknown> = {
  keap: (record) => record.lead_source,
  salesforce: () => 'Web',
};

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** An error's message as Zapier shows it: the app's thrown errors carry it inside a JSON envelope. */
export const errorText = (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  try {
    return (JSON.parse(message) as { message?: string }).message ?? message;
  } catch {
    return message;
  }
};

/**
 * The zap every delivery runs, mapped the way a no-code user would map it in the editor:
 * New Booking → Create or Update Contact → Apply Tag (lifecycle) → Create or Update Activity
 * Event → Create or Update Note (→ Add Contact to Campaign and Create or Update Case on Salesforce),
 * once per connected CRM. Zapier's dedupe (the trigger's `id`) is kept here too.
 */
export class BookingZap {
  private readonly seen = new Set<string>();

  constructor(
    private readonly appTester: AppTester,
    private readonly trigger: {
      authData: Record<string, string>;
      subscribeData: Record<string, unknown>;
      inputData: Record<string, unknown>;
    },
    private readonly connections: Connection[],
    /** A Salesforce campaign every booked person joins (Add Contact to Campaign), as a user would pick it in the editor. */
    private readonly campaign?: { id: string },
  ) {}

  async run(delivery: Delivery): Promise<RunResult> {
    const records = (await runWithRefresh(this.appTester, this.trigger, (App.triggers!.new_booking!.operation as { perform: unknown }).perform, {
      subscribeData: this.trigger.subscribeData,
      rawRequest: delivery,
      cleanedRequest: safeJson(delivery.content),
      inputData: this.trigger.inputData,
    })) as BookingRecord[];
    const [record] = records;
    if (!record) return { skipped: 'the trigger produced no record (delivery not verified or not chosen)', steps: [] };
    if (this.seen.has(record.id)) return { record, skipped: `duplicate of ${record.id} (Zapier dedupe)`, steps: [] };
    this.seen.add(record.id);

    const steps: StepResult[] = [];
    for (const connection of this.connections) steps.push(...(await this.runSteps(connection, record)));
    return { record, steps };
  }

  private async runSteps(connection: Connection, record: BookingRecord): Promise<StepResult[]> {
    const results: StepResult[] = [];
    const step = async (name: string, method: unknown, inputData: Record<string, unknown>, describe: (o: Record<string, unknown>) => string) => {
      try {
        const output = (await runWithRefresh(this.appTester, connection, method, { inputData })) as Record<string, unknown>;
        results.push({ crm: connection.crm, step: name, ok: true, summary: describe(output), input: inputData, output });
        return output;
      } catch (error) {
        results.push({ crm: connection.crm, step: name, ok: false, summary: 'failed', input: inputData, error: errorText(error) });
        return undefined;
      }
    };

    const contact = await step(
      'Create or Update Contact',
      App.creates!.upsert_contact!.operation.perform,
      {
        email: record.customer_email,
        first_name: record.customer_first_name,
        last_name: record.customer_last_name,
        phone: record.customer_phone,
        mobile_phone: record.customer_mobile_phone,
        company: record.customer_company,
        time_zone: record.customer_timezone,
        lead_source: LEAD_SOURCE[connection.crm](record),
      },
      (o) => `${o.created ? 'created' : 'updated'} ${text(o.object_type)} ${text(o.id)} (${text(o.email)})`,
    );
    if (!contact) return results;

    await step(
      'Apply Tag',
      App.creates!.apply_tag!.operation.perform,
      {
        contact_id: contact.id,
        booking_status: record.status,
        booking_id: record.booking_id,
        status_updated_at: record.last_updated_time,
        create_missing_tags: true,
      },
      (o) =>
        ((o.tags as Array<{ name: string; status: string }>) ?? [])
          .filter((t) => t.status !== 'not_present')
          .map((t) => `${t.status} "${t.name}"`)
          .join(', '),
    );
    await step(
      'Create or Update Activity Event',
      App.creates!.create_activity_event!.operation.perform,
      {
        booking_id: record.booking_id,
        previous_booking_id: record.rescheduled_booking_id,
        contact_id: contact.id,
        subject: record.subject,
        start_time: record.starting_time,
        end_time: record.ending_time,
        time_zone: record.customer_timezone,
        location: record.location,
        conferencing_url: record.conferencing_url,
        description: record.customer_note,
        status: record.status,
        status_updated_at: record.last_updated_time,
        cancel_reschedule_reason: record.cancel_reschedule_reason,
      },
      (o) => `${text(o.action)} activity ${text(o.id)}, status ${text(o.status)}`,
    );
    await step(
      'Create or Update Note',
      App.creates!.add_note!.operation.perform,
      {
        contact_id: contact.id,
        booking_id: record.booking_id,
        previous_booking_id: record.rescheduled_booking_id,
        status: record.status,
        status_updated_at: record.last_updated_time,
        subject: record.subject,
        details: [record.starting_time, record.location, record.conferencing_url].filter(Boolean).join(' · '),
        form_answers: record.customer_note,
      },
      (o) => `${text(o.action)} note ${text(o.id)}: "${text(o.title)}"`,
    );
    if (connection.crm === 'salesforce' && this.campaign) {
      await step(
        'Add Contact to Campaign',
        App.creates!.add_to_campaign!.operation.perform,
        { contact_id: contact.id, campaign_id: this.campaign.id, member_status: record.status === 'Completed' ? 'Responded' : undefined },
        (o) => `${text(o.action)} in "${text(o.campaign_name)}", status ${text(o.status)}`,
      );
    }
    if (connection.crm === 'salesforce') {
      await step(
        'Create or Update Case',
        App.creates!.upsert_case!.operation.perform,
        {
          contact_id: contact.id,
          booking_id: record.booking_id,
          previous_booking_id: record.rescheduled_booking_id,
          subject: record.subject,
          description: record.customer_note,
          case_origin: 'Web',
        },
        (o) => `${text(o.action)} case ${text(o.case_number)}`,
      );
    }
    return results;
  }
}

const safeJson = (content: string): unknown => {
  try {
    return JSON.parse(content);
  } catch {
    return {};
  }
};
