import App from '../../index';
import type { Sandbox } from '..';
import { connectBothCrms, type Connection } from './connect';
import { HookEndpoint, type Delivery } from './hooks';
import { createRuntime } from './runtime';
import { BookingZap, errorText, type RunResult } from './zap';
import type { ZapRunView, ZapView } from '../page/zap';

/** One delivery's run of the zap, as the sandbox page's Zap runs view shows it. */
export type ZapRun = RunResult & Omit<ZapRunView, 'record' | 'skipped' | 'steps'>;

const TRIGGER_INPUT = { events: ['booking'] };

const eventOf = (delivery: Delivery): { eventType?: string; bookingId?: string } => {
  try {
    const event = JSON.parse(delivery.content) as { type?: string; data?: { id?: string } };
    return { eventType: event.type, bookingId: event.data?.id };
  } catch {
    return {};
  }
};

/**
 * The booking zap, live: both CRMs connected through the app's real OAuth, New Booking subscribed
 * to a local hook URL, and each delivery run through the whole zap as it arrives, one at a time in
 * arrival order (as Zapier runs a zap's deliveries). `npm start` plays its script through it and
 * keeps it listening, so a booking made or changed on the sandbox page runs the zap too.
 */
export class LiveZap implements ZapView {
  private readonly log: ZapRun[] = [];
  private queue: Promise<void> = Promise.resolve();
  listening = false;

  private constructor(
    private readonly hooks: HookEndpoint,
    private readonly zap: BookingZap,
    readonly connections: Connection[],
    readonly webhookId: string,
  ) {
    hooks.onDelivery((delivery) => {
      this.queue = this.queue.then(() => this.runOne(delivery));
    });
    this.listening = true;
  }

  /** Connects Keap and Salesforce, subscribes New Booking, and sets up the campaign the zap adds people to. */
  static async start(sandbox: Sandbox, onConnected: (connection: Connection) => void = () => {}): Promise<LiveZap> {
    const hooks = new HookEndpoint();
    await hooks.listen();
    const appTester = createRuntime(sandbox);
    const connections = await connectBothCrms(appTester, sandbox, onConnected);
    const trigger = connections[0]!;
    const subscribeData = (await appTester((App.triggers!.new_booking!.operation as { performSubscribe: unknown }).performSubscribe as never, {
      authData: trigger.authData,
      inputData: TRIGGER_INPUT,
      targetUrl: hooks.url,
      meta: {},
    })) as Record<string, unknown>;
    const campaign = await bookedMeetingsCampaign(connections.find((connection) => connection.crm === 'salesforce')!);
    const zap = new BookingZap(appTester, { authData: trigger.authData, subscribeData, inputData: TRIGGER_INPUT }, connections, campaign);
    return new LiveZap(hooks, zap, connections, String(subscribeData.id));
  }

  get hookUrl(): string {
    return this.hooks.url;
  }

  runs(): readonly ZapRun[] {
    return this.log;
  }

  /** The runs of every delivery received so far, once they have all finished. */
  async settled(): Promise<readonly ZapRun[]> {
    let seen: Promise<void>;
    do {
      seen = this.queue;
      await seen;
    } while (seen !== this.queue);
    return this.log;
  }

  async close(): Promise<void> {
    this.listening = false;
    await this.hooks.close();
    await this.settled();
  }

  private async runOne(delivery: Delivery): Promise<void> {
    const time = new Date().toISOString();
    let result: RunResult;
    try {
      result = await this.zap.run(delivery);
    } catch (error) {
      result = { skipped: `New Booking failed: ${errorText(error)}`, steps: [] };
    }
    this.log.push({ ...result, ...eventOf(delivery), number: this.log.length + 1, time, signature: delivery.headers['Http-Oncehub-Signature'] });
  }
}

/** The campaign a Salesforce admin would have set up for bookings; a new campaign gets Sent and Responded. */
const bookedMeetingsCampaign = async (salesforce: Connection): Promise<{ id: string }> => {
  const response = await fetch(`${salesforce.authData.instance_url}/services/data/v62.0/sobjects/Campaign`, {
    method: 'POST',
    headers: { authorization: `Bearer ${salesforce.authData.access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ Name: 'Booked Meetings', IsActive: true }),
  });
  return (await response.json()) as { id: string };
};
