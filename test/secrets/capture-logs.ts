import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { captureDir } from './known';

/**
 * Runs in every test file: the platform logs each HTTP call in detail and every z.console
 * line to stdout in tests (LOG_TO_STDOUT, DETAILED_LOG_TO_STDOUT), and this sends all of it,
 * with anything else written to the console, to a file the global teardown scans for secrets.
 * SHOW_TEST_LOGS=1 prints it as well.
 */
const dir = captureDir();
if (dir) {
  const file = path.join(dir, `${process.pid}.log`);
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      appendFileSync(file, `${format(...args)}\n`);
      if (process.env.SHOW_TEST_LOGS) original(...args);
    };
  }
}
