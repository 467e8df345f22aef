import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type Sandbox } from '../../sandbox';
import { pointAppAt } from '../../sandbox/zapier/env';
import { LiveZap } from '../../sandbox/zapier/live';
import { startCheckedSandbox } from '../helpers/checked-sandbox';
import { launchChromium } from './support';

/**
 * The playground as a person uses it after `npm start`: a headless Chromium books a meeting in the
 * sandbox page's form, sees the zap's run appear with every step, cancels the booking from the
 * page, and sees the Keap task and the Salesforce Event change status. On a failure the page's
 * screenshot is kept under test-artifacts/ and named in the error.
 */

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');

let browser!: Browser;
let sandbox!: Sandbox;
let zap!: LiveZap;
let restoreEnv: () => void;
let page!: Page;

beforeAll(async () => {
  browser = await launchChromium();
  sandbox = await startCheckedSandbox();
  restoreEnv = pointAppAt(sandbox);
  zap = await LiveZap.start(sandbox);
  sandbox.showZap(zap);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await zap?.close();
  await sandbox?.close();
  restoreEnv?.();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
});

afterEach(() => page?.close());

/** Runs a person's actions; a failure keeps the screenshot of what the page showed then. */
const asAPerson = async (name: string, actions: () => Promise<void>): Promise<void> => {
  try {
    await actions();
  } catch (error) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `playground-${name}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nScreenshot: ${file}`);
  }
};

/** Reloads the page, as a person presses Refresh, until `check` holds. */
const reloadUntil = async (check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await zap.settled();
    await page.reload();
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`The page never showed ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const runFor = (event: string) => page.locator('.run', { has: page.locator(`h3:has-text("${event}")`) });

describe('the sandbox page as a live playground', () => {
  it('says the zap is listening, runs it for a booking made in the form, and again when the booking is canceled', async () => {
    await asAPerson('book-and-cancel', async () => {
      await page.goto(sandbox.url);
      await expect(page.locator('#zap-status').textContent()).resolves.toMatch(/^Zap listening at http:\/\/127\.0\.0\.1:\d+\/hooks\/catch\/new_booking\//);

      await page.fill('input[name=name]', 'Playground Person');
      await page.fill('input[name=email]', 'playground@example.com');
      await page.fill('input[name=company]', 'Playground Co');
      await page.click('button:has-text("Book")');
      await reloadUntil(async () => (await runFor('booking.scheduled').count()) === 1, 'a run for the new booking');

      const booked = runFor('booking.scheduled');
      await expect(booked.locator('p').first().textContent()).resolves.toMatch(/✓ New Booking: booking\.scheduled BKNG-\w+ → status Scheduled/);
      const steps = await booked.locator('tr').allTextContents();
      for (const crm of ['keap', 'salesforce']) {
        for (const step of ['Create or Update Contact', 'Apply Tag', 'Create or Update Activity Event', 'Create or Update Note']) {
          expect(steps.some((row) => row.startsWith(`${crm}${step}✓`))).toBe(true);
        }
      }
      await expect(booked.textContent()).resolves.toContain('playground@example.com');
      await expect(booked.locator('.bad').count()).resolves.toBe(0);

      const row = page.locator('tr', { hasText: 'Playground Person' }).first();
      await row.locator('button:has-text("Cancel")').click();
      await reloadUntil(async () => (await runFor('booking.canceled').count()) === 1, 'a run for the cancellation');
      await expect(runFor('booking.canceled').locator('.bad').count()).resolves.toBe(0);

      // A canceled booking allows nothing more, as OnceHub's pages show it.
      await expect(page.locator('tr', { hasText: 'Playground Person' }).first().locator('button').count()).resolves.toBe(0);
      const task = await page.locator('h3:has-text("Tasks") + table tr', { hasText: 'Playground Person' }).textContent();
      expect(task).toMatch(/Canceled: /);
      expect(task).toMatch(/created \(POST \/v2\/tasks\).*changed \(PATCH \/v2\/tasks\): title Canceled: /s);
      const event = await page.locator('h3:has-text("Events") + table tr', { hasText: 'Playground Person' }).textContent();
      expect(event).toMatch(/created: status Scheduled.*changed .*status Canceled/s);
      // Names beside IDs: the case's record type (a Lead's case names its person by email), and each topic assignment's topic and record.
      await expect(page.locator('h3:has-text("Cases") + table tr', { hasText: 'playground@example.com' }).filter({ hasText: 'Support (RecordType 012' }).count()).resolves.toBe(1);
      await expect(page.locator('h3:has-text("Topic assignments") + table tr', { hasText: 'Canceled (Topic 0TO' }).filter({ hasText: 'Playground Person' }).count()).resolves.toBe(1);
    });
  });

  it('shows every delivery as signed and verified by the zap', async () => {
    await asAPerson('deliveries', async () => {
      await page.goto(sandbox.url);
      const signatures = await page.locator('h3:has-text("Webhook deliveries") + table tr td:nth-child(7)').allTextContents();
      expect(signatures.length).toBeGreaterThan(0);
      for (const signature of signatures) expect(signature).toMatch(/^signed; verified by the zap \(run \d+\)$/);
    });
  });
});
