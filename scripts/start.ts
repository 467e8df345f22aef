/**
 * `npm start`: the connector's main job, on one machine. Starts the local sandbox (Keap,
 * Salesforce and OnceHub emulators), connects both CRMs through the app's real OAuth, subscribes
 * New Booking, then plays two booking lifecycles whose signed webhooks run the zap
 * (New Booking → Create or Update Contact → Apply Tag → Create or Update Activity Event) on
 * both CRMs. Prints each step, checks the CRMs' final state, exits non-zero if anything is off,
 * and keeps the sandbox page open until Ctrl-C (`--exit` stops at once, for scripts and CI).
 */
import '../sandbox/zapier/platform-checks';
import App from '../index';
import { startSandbox } from '../sandbox';
import { pointAppAt } from '../sandbox/zapier/env';
import { connectBothCrms } from '../sandbox/zapier/connect';
import { HookEndpoint } from '../sandbox/zapier/hooks';
import { createRuntime } from '../sandbox/zapier/runtime';
import { verifyCrmState, type Check, type Expectation } from '../sandbox/zapier/verify';
import { BookingZap, type RunResult } from '../sandbox/zapier/zap';

const args = new Set(process.argv.slice(2));
const exitAtOnce = args.has('--exit') || args.has('--ci');
const portArg = process.argv.find((arg) => arg.startsWith('--port='));
const port = portArg ? Number(portArg.split('=')[1]) : Number(process.env.SANDBOX_PORT ?? 0);

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
const green = paint(32);
const red = paint(31);
const dim = paint(2);
const bold = paint(1);
const say = (line = '') => process.stdout.write(`${line}\n`);


const printRun = (label: string, run: RunResult): boolean => {
  say(`\n${bold(label)}`);
  if (run.record) {
    say(`  New Booking         ${green('✓')} ${run.record.event} ${run.record.booking_id} → status ${run.record.status}, id ${dim(run.record.id)}`);
  }
  if (run.skipped) say(`  ${dim(`skipped: ${run.skipped}`)}`);
  for (const step of run.steps) {
    const mark = step.ok ? green('✓') : red('✗');
    say(`  ${step.crm.padEnd(10)} ${step.step.padEnd(31)} ${mark} ${step.ok ? step.summary : red(step.error ?? 'failed')}`);
  }
  return run.steps.every((step) => step.ok);
};

const printChecks = (checks: Check[]): boolean => {
  say(`\n${bold('Final CRM state')}`);
  for (const check of checks) {
    say(`  ${check.crm.padEnd(10)} ${check.ok ? green('✓') : red('✗')} ${check.what} ${dim(`(${check.detail})`)}`);
  }
  return checks.length > 0 && checks.every((check) => check.ok);
};

const main = async (): Promise<number> => {
  const sandbox = await startSandbox({ port });
  pointAppAt(sandbox);
  const hooks = new HookEndpoint();
  await hooks.listen();
  say(bold(`Sandbox running at ${sandbox.url}`));

  const appTester = createRuntime(sandbox);
  const connections = await connectBothCrms(appTester, sandbox, (connection) =>
    say(`Connected ${connection.crm.padEnd(10)} ${green('✓')} ${connection.label}`),
  );

  const trigger = connections[0]!;
  const triggerInput = { events: ['booking'] };
  const subscribeData = (await appTester((App.triggers!.new_booking!.operation as { performSubscribe: unknown }).performSubscribe as never, {
    authData: trigger.authData,
    inputData: triggerInput,
    targetUrl: hooks.url,
    meta: {},
  })) as Record<string, unknown>;
  say(`Subscribed New Booking ${green('✓')} webhook ${String(subscribeData.id)} → ${hooks.url}`);

  // The campaign a Salesforce admin would have set up for bookings; a new campaign gets Sent and Responded.
  const salesforce = connections.find((connection) => connection.crm === 'salesforce')!;
  const campaign = (await (
    await fetch(`${salesforce.authData.instance_url}/services/data/v62.0/sobjects/Campaign`, {
      method: 'POST',
      headers: { authorization: `Bearer ${salesforce.authData.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Name: 'Booked Meetings', IsActive: true }),
    })
  ).json()) as { id: string };
  const zap = new BookingZap(appTester, { authData: trigger.authData, subscribeData, inputData: triggerInput }, connections, campaign);
  let allStepsOk = true;
  /** Runs the zap for the webhooks the last booking action sent. */
  const runDeliveries = async (label: string) => {
    const deliveries = await hooks.take();
    if (deliveries.length === 0) {
      say(`\n${bold(label)}\n  ${red('✗ no webhook arrived')}`);
      allStepsOk = false;
    }
    for (const delivery of deliveries) allStepsOk = printRun(label, await zap.run(delivery)) && allStepsOk;
  };

  const ada = { name: 'Ada Lovelace', email: 'ada.lovelace@example.com', phone: '+44 20 7946 0958', company: 'Analytical Engines Ltd' };
  const grace = { name: 'Grace Hopper', email: 'grace.hopper@example.com', phone: '+1 202 555 0143', company: 'US Navy' };

  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const first = (await sandbox.oncehub.book({ customer: ada, startTime: `${tomorrow}T15:00:00Z` })).booking;
  await runDeliveries(`Ada books ${first.id}`);
  const rescheduled = (
    await sandbox.oncehub.reschedule(first.id, { newStart: `${tomorrow}T17:30:00Z`, reason: 'Conflict with another meeting' })
  ).booking;
  await runDeliveries(`Ada reschedules to ${rescheduled.id}`);
  await sandbox.oncehub.cancel(rescheduled.id, 'No longer needed', 'customer');
  await runDeliveries(`Ada cancels ${rescheduled.id}`);

  const second = (await sandbox.oncehub.book({ customer: grace, startTime: new Date(Date.now() - 7_200_000).toISOString() })).booking;
  await runDeliveries(`Grace books ${second.id}`);
  await sandbox.oncehub.complete(second.id);
  await runDeliveries(`Grace's meeting ${second.id} completes`);
  await sandbox.oncehub.noShow(second.id);
  await runDeliveries(`Grace is marked no-show for ${second.id}`);

  const expectations: Expectation[] = [
    {
      email: ada.email,
      bookings: [first.id, rescheduled.id],
      finalStatus: 'Canceled',
      bookingTags: [
        `Scheduled (Booking ID: ${first.id})`,
        `Rescheduled (Booking ID: ${rescheduled.id})`,
        `Canceled (Booking ID: ${rescheduled.id})`,
      ],
    },
    {
      email: grace.email,
      bookings: [second.id],
      finalStatus: 'No-show',
      bookingTags: [
        `Scheduled (Booking ID: ${second.id})`,
        `Completed (Booking ID: ${second.id})`,
        `No-show (Booking ID: ${second.id})`,
      ],
    },
  ];
  const stateOk = printChecks(await verifyCrmState(connections, expectations));
  const ok = allStepsOk && stateOk;
  say(`\n${ok ? green(bold('All steps succeeded and the CRM state is as expected.')) : red(bold('Something is off: see ✗ above.'))}`);

  await hooks.close();
  if (exitAtOnce) {
    await sandbox.close();
    return ok ? 0 : 1;
  }
  say(`\nOpen ${bold(sandbox.url)} to see the CRMs' state. Press Ctrl-C to stop.`);
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  await sandbox.close();
  return ok ? 0 : 1;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${red('npm start failed:')} ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
