import { seenError, type SeenError } from '../helpers/errors';

/** How one run of a step ended when it ran beside others: done, or handed back to Zapier to retry. */
export type Settled<T> = { first: 'done' | 'retry'; reason?: string; delay?: number; output: T };

const RETRYABLE = 'ThrottledError';
/** Zapier retries a throttled step a few times; a claim that outlives them would be a bug here. */
const MAX_RETRIES = 3;

/**
 * Starts every run at once, as Zapier does with a zap's runs, then retries each run that asked
 * for it (ThrottledError) the way Zapier would, after the others have settled. Any other error
 * fails the test: concurrency must never surface as a failure the user has to fix.
 */
export const settleConcurrently = async <T>(runs: Array<() => Promise<T>>): Promise<Array<Settled<T>>> => {
  const first = await Promise.allSettled(runs.map((run) => run()));
  const settled: Array<Settled<T>> = [];
  for (const [i, outcome] of first.entries()) {
    if (outcome.status === 'fulfilled') {
      settled.push({ first: 'done', output: outcome.value });
      continue;
    }
    const error = seenError(outcome.reason);
    if (error.name !== RETRYABLE) throw new Error(`run ${i} failed instead of finishing or retrying: ${error.name}: ${error.message}`);
    settled.push({ first: 'retry', reason: error.message, delay: error.delay, output: await retried(runs[i]!, error) });
  }
  return settled;
};

const retried = async <T>(run: () => Promise<T>, firstError: SeenError): Promise<T> => {
  let last = firstError;
  for (let attempt = 0; attempt < MAX_RETRIES; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      last = seenError(error);
      if (last.name !== RETRYABLE) break;
    }
  }
  throw new Error(`a retried run did not finish: ${last.name}: ${last.message}`);
};
