import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default async function globalSetup(): Promise<void> {
  process.env.TEST_LOG_CAPTURE_DIR = mkdtempSync(path.join(tmpdir(), 'connector-test-logs-'));
  process.env.LOG_TO_STDOUT = '1';
  process.env.DETAILED_LOG_TO_STDOUT = '1';
}
