import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { root, startScript, tsx } from './support';

/**
 * The main job end to end, as a user runs it: `npm start -- --exit` starts the sandbox,
 * connects both CRMs, plays two booking lifecycles through the real app, checks the CRMs' final
 * state and exits 0 only when all of that held.
 */
describe('npm start --exit', () => {
  let run: ReturnType<typeof spawnSync>;
  let report: string;

  beforeAll(() => {
    run = spawnSync(process.execPath, [tsx, 'scripts/start.ts', '--exit'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 90_000,
      env: { ...process.env, NO_COLOR: '1', LOG_TO_STDOUT: '', DETAILED_LOG_TO_STDOUT: '' },
    });
    report = String(run.stdout);
  }, 100_000);

  it('exits 0 and says everything held', () => {
    expect({ status: run.status, stderr: String(run.stderr).slice(0, 500) }).toEqual({ status: 0, stderr: '' });
    expect(report).toContain('All steps succeeded and the CRM state is as expected.');
  });

  it('connects both CRMs through their OAuth flow and labels the connections', () => {
    expect(report).toMatch(/Connected keap +✓ Keap · \S+ · \S+@\S+/);
    expect(report).toMatch(/Connected salesforce +✓ Salesforce \(Sandbox\) · Sandbox Scheduling Co · \S+@\S+/);
    expect(report).toMatch(/Subscribed New Booking ✓ webhook WHK-\S+/);
  });

  it('runs every step on both CRMs for each lifecycle event', () => {
    for (const event of ['scheduled', 'rescheduled', 'canceled', 'completed', 'no_show']) {
      expect(report).toContain(`✓ booking.${event} `);
    }
    for (const crm of ['keap', 'salesforce']) {
      for (const step of ['Create or Update Contact', 'Apply Tag', 'Create or Update Activity Event']) {
        expect(report.match(new RegExp(`${crm} +${step} +✓`, 'g'))?.length).toBe(6);
      }
    }
    expect(report).not.toContain('✗');
  });

  it('checks one contact, one activity with the final status, and the lifecycle tags per person and CRM', () => {
    const finalState = report.slice(report.indexOf('Final CRM state'));
    expect(finalState.match(/✓ one contact for/g)).toHaveLength(2);
    expect(finalState.match(/✓ one Lead or Contact for/g)).toHaveLength(2);
    expect(finalState).toMatch(/✓ one task for booking \S+ → \S+, status Canceled/);
    expect(finalState).toMatch(/✓ one Event for booking \S+, status No-show/);
    expect(finalState.match(/carries "(Canceled|No-show)" and no other status tag/g)).toHaveLength(4);
  });
});

describe('npm start, kept running', () => {
  it('keeps the zap live after the report: a booking made on the sandbox runs the whole zap, .env files are written, Ctrl-C stops it', async () => {
    const started = startScript('scripts/start.ts');
    try {
      const output = await started.ready();
      expect(output).toContain('The zap keeps listening.');
      expect(output).toContain('Wrote .env.keap, .env.salesforce, .env for zapier-platform invoke');
      expect(readdirSync(started.folder).sort()).toEqual(['.env', '.env.keap', '.env.salesforce']);
      const url = /Sandbox running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;

      const booked = await fetch(`${url}/_sandbox/oncehub/book`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ customer: { name: 'Late Booker', email: 'late.booker@example.com' } }),
      });
      const { booking } = (await booked.json()) as { booking: { id: string } };
      let page = '';
      for (let tries = 0; tries < 100 && !page.includes(`booking.scheduled ${booking.id}</h3>`); tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        page = await (await fetch(url)).text();
      }
      const run = page.slice(page.indexOf(`booking.scheduled ${booking.id}</h3>`));
      const steps = run.slice(0, run.indexOf('</table>'));
      expect(steps.match(/<span class="ok">✓<\/span>/g)?.length).toBe(1 + 10);
      expect(steps).not.toContain('class="bad"');
    } finally {
      expect(await started.stop()).toBe(0);
    }
  }, 120_000);
});
