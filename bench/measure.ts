import { performance } from 'node:perf_hooks';
import type { ZObject } from 'zapier-platform-core';
import type { RequestLogEntry, Sandbox } from '../sandbox';
import type { AppTester } from '../sandbox/zapier/runtime';
import { recordRequests, replay, replayHeaders, type RecordedRequest } from './recorder';
import type { FieldBuild, Step } from './steps';
import type { CacheCounts, ZCacheProbe } from './zcache';

export type StepResult = {
  step: Step;
  /** Round trips with an empty z.cache, the CRM in the same state. */
  cold: number;
  /** Round trips after the warm-up, the state every timed run sees. */
  steady: number;
  /** z.cache gets and sets of the steady-state run: RPCs to Zapier in production. */
  cache: CacheCounts;
  requests: RecordedRequest[];
  appMs: number[];
  /** The same requests through z.request in one invocation that runs no connector code. */
  platformMs: number[];
  directMs: number[];
};

export type Options = { warmup: number; iterations: number };

const elapsed = async (run: () => Promise<unknown>): Promise<{ ms: number; output: unknown }> => {
  const started = performance.now();
  const output = await run();
  return { ms: performance.now() - started, output };
};

/** The requests the sandbox answered while `run` ran. */
const served = async (sandbox: Sandbox, run: () => Promise<unknown>): Promise<{ output: unknown; log: RequestLogEntry[] }> => {
  sandbox.resetRequestLog();
  const output = await run();
  return { output, log: [...sandbox.requests] };
};

/**
 * A replay that the sandbox answers differently from the app's own run would time something
 * else, so it stops the benchmark instead.
 */
const checkReplay = (step: Step, expected: RequestLogEntry[], statuses: number[]): void => {
  const wanted = expected.map((entry) => entry.status);
  if (statuses.join() !== wanted.join()) {
    throw new Error(`${step.crm} ${step.name}: the replay was answered ${statuses.join(', ')}, the app's requests ${wanted.join(', ')}.`);
  }
};

/**
 * The step's recorded requests sent through the platform's own HTTP client (z.request, its
 * middlewares and logging) inside one ad hoc invocation: everything the app pays that is not
 * the connector's own code. The connector's middlewares let requests without its tag pass.
 */
const platformReplay = async (appTester: AppTester, step: Step, requests: readonly RecordedRequest[]): Promise<number[]> => {
  const perform = async (z: ZObject) => {
    const statuses: number[] = [];
    for (const request of requests) {
      const response = await z.request({
        url: request.url,
        method: request.method as 'GET',
        headers: replayHeaders(request.headers),
        body: request.body,
        skipThrowForStatus: true,
      });
      statuses.push(response.status);
    }
    return { statuses };
  };
  const output = (await appTester(perform as never, { authData: step.authData, meta: {} })) as { statuses: number[] };
  return output.statuses;
};

export const measureStep = async (sandbox: Sandbox, appTester: AppTester, cache: ZCacheProbe, step: Step, { warmup, iterations }: Options): Promise<StepResult> => {
  for (let i = 0; i < warmup; i++) {
    await step.prepare?.();
    await step.run(false);
  }

  await step.prepare?.();
  const cold = await served(sandbox, () => step.run(true));
  step.check(cold.output);

  await step.prepare?.();
  cache.take();
  const steady = await served(sandbox, () => recordRequests(() => step.run(false)));
  const cacheCounts = cache.take();
  const { result, requests } = steady.output as Awaited<ReturnType<typeof recordRequests>>;
  step.check(result);
  if (requests.length !== steady.log.length) {
    throw new Error(`${step.crm} ${step.name}: the app sent ${requests.length} requests but the sandbox answered ${steady.log.length}.`);
  }
  await step.prepare?.();
  checkReplay(step, steady.log, await replay(requests));
  await step.prepare?.();
  checkReplay(step, steady.log, await platformReplay(appTester, step, requests));

  // The three runs alternate so that drift in machine load lands on each alike.
  const appMs: number[] = [];
  const platformMs: number[] = [];
  const directMs: number[] = [];
  for (let i = 0; i < iterations; i++) {
    await step.prepare?.();
    const app = await elapsed(() => step.run(false));
    step.check(app.output);
    appMs.push(app.ms);
    await step.prepare?.();
    platformMs.push((await elapsed(() => platformReplay(appTester, step, requests))).ms);
    await step.prepare?.();
    directMs.push((await elapsed(() => replay(requests))).ms);
  }
  return { step, cold: cold.log.length, steady: steady.log.length, cache: cacheCounts, requests, appMs, platformMs, directMs };
};

/** One platform invocation that runs no app code and sends nothing: the floor under every step. */
export const platformFloor = async (appTester: AppTester, authData: Record<string, string>, { warmup, iterations }: Options): Promise<number[]> => {
  const nothing = () => appTester((async () => ({})) as never, { authData, meta: {} });
  for (let i = 0; i < warmup; i++) await nothing();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) times.push((await elapsed(nothing)).ms);
  return times;
};

/** Salesforce describes and Keap's contact model, settings and locale lists: what the app caches. */
export const isDescribe = (entry: Pick<RequestLogEntry, 'provider' | 'path'>): boolean =>
  entry.provider === 'salesforce'
    ? /\/sobjects\/[^/]+\/describe$/.test(entry.path)
    : entry.provider === 'keap' && /\/v2\/(contacts\/model|settings\/|locales\/)/.test(entry.path);

export type FieldResult = { build: FieldBuild; cold: RequestLogEntry[]; warm: RequestLogEntry[]; warmCache: CacheCounts };

/** Cold with an emptied z.cache, then warm straight after, as a user opening the form twice. */
export const measureFieldBuild = async (sandbox: Sandbox, cache: ZCacheProbe, build: FieldBuild): Promise<FieldResult> => {
  const cold = await served(sandbox, () => build.run(true));
  cache.take();
  const warm = await served(sandbox, () => build.run(false));
  return { build, cold: cold.log, warm: warm.log, warmCache: cache.take() };
};
