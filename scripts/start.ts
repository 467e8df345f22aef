/**
 * `npm start`: the connector's main job, on one machine. Starts the local sandbox (Keap,
 * Salesforce and OnceHub emulators), connects both CRMs through the app's real OAuth, subscribes
 * New Booking, then plays two booking lifecycles whose signed webhooks run the zap
 * (New Booking → Create or Update Contact → Apply Tag → Create or Update Activity Event → …) on
 * both CRMs. Prints each step, checks the CRMs' final state, and exits non-zero if anything is off.
 * Then the zap keeps listening: a booking made or changed on the sandbox page runs it too, the page
 * shows each run, and `.env` files let `zapier-platform invoke` call the same sandbox, until Ctrl-C
 * (`--exit` stops at once, for scripts and CI).
 */
import '../sandbox/zapier/platform-checks';
import { startSandbox } from '../sandbox';
import { PORT_FLAG, withFlags } from '../sandbox/flags';
import { pointAppAt } from '../sandbox/zapier/env';
import { writeInvokeEnv } from '../sandbox/zapier/invoke-env';
import { LiveZap, type ZapRun } from '../sandbox/zapier/live';
import { verifyCrmState, type Check, type Expectation } from '../sandbox/zapier/verify';

const FLAGS = {
  port: PORT_FLAG,
  exit: { kind: 'switch', help: 'stop after the report (for scripts and CI) instead of keeping the zap and the page up' },
} as const;

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
const green = paint(32);
const red = paint(31);
const dim = paint(2);
const bold = paint(1);
const say = (line = '') => process.stdout.write(`${line}\n`);


const printRun = (label: string, run: ZapRun): boolean => {
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

const main = async ({ port, exit }: { port: number; exit: boolean }): Promise<number> => {
  const sandbox = await startSandbox({ port });
  pointAppAt(sandbox);
  say(bold(`Sandbox running at ${sandbox.url}`));

  const zap = await LiveZap.start(sandbox, (connection) => say(`Connected ${connection.crm.padEnd(10)} ${green('✓')} ${connection.label}`));
  sandbox.showZap(zap);
  say(`Subscribed New Booking ${green('✓')} webhook ${zap.webhookId} → ${zap.hookUrl}`);

  let allStepsOk = true;
  /** Prints the zap's runs for the webhooks the last booking action sent. */
  const runDeliveries = async (label: string) => {
    const before = zap.runs().length;
    const runs = (await zap.settled()).slice(before);
    if (runs.length === 0) {
      say(`\n${bold(label)}\n  ${red('✗ no webhook arrived')}`);
      allStepsOk = false;
    }
    for (const run of runs) allStepsOk = printRun(label, run) && allStepsOk;
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
  const stateOk = printChecks(await verifyCrmState(zap.connections, expectations));
  const ok = allStepsOk && stateOk;
  say(`\n${ok ? green(bold('All steps succeeded and the CRM state is as expected.')) : red(bold('Something is off: see ✗ above.'))}`);

  if (exit) {
    await zap.close();
    await sandbox.close();
    return ok ? 0 : 1;
  }
  const env = writeInvokeEnv(process.cwd(), sandbox, zap.connections);
  say(`\nThe zap keeps listening. Open ${bold(sandbox.url)}: book, reschedule or cancel there and watch each zap run.`);
  say(`Wrote ${env.written.map((file) => file.slice(process.cwd().length + 1)).join(', ')} for zapier-platform invoke (docs/testing.md).${env.kept ? ` Kept ${env.kept}.` : ''}`);
  say('Press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await zap.close();
  await sandbox.close();
  return ok ? 0 : 1;
};

withFlags('npm start --', FLAGS, main);
