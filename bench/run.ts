/**
 * `npm run bench`: round trips, connector overhead, cold start and dynamic-field caching,
 * measured against the local sandbox on loopback through the real app definition. It is a
 * report, not a test: it prints whether each target is met and exits 0 either way; only a
 * crash (or a step that did not do its work) exits non-zero. docs/performance.md explains it.
 */
import '../sandbox/zapier/platform-checks';
import { cpus } from 'node:os';
import { startSandbox } from '../sandbox';
import { pointAppAt } from '../sandbox/zapier/env';
import { connectBothCrms } from '../sandbox/zapier/connect';
import { createRuntime } from '../sandbox/zapier/runtime';
import { appLoadTimes, zipLoadTimes, zipSizeKb } from './cold-start';
import { measureConcurrency, type ConcurrencyRow } from './concurrency';
import { isDescribe, measureFieldBuild, measureStep, platformFloor, type FieldResult, type StepResult } from './measure';
import { formatMs, median, overheadRatio, renderTable } from './stats';
import { PORT_FLAG, withFlags } from '../sandbox/flags';
import { buildSteps, fieldBuilds } from './steps';
import { probeZCache } from './zcache';
import { verdict } from './verdict';

const OVERHEAD_TARGET = 1.3;

const FLAGS = {
  iterations: { kind: 'integer', default: 50, help: 'timed runs per step' },
  warmup: { kind: 'integer', default: 5, help: 'untimed runs per step before timing' },
  'load-runs': { kind: 'integer', default: 7, help: 'fresh processes per cold-start measurement' },
  latency: { kind: 'integer', default: 0, min: 0, help: 'milliseconds added to every provider request' },
  port: PORT_FLAG,
} as const;
type Options = { iterations: number; warmup: number; loadRuns: number; latencyMs: number; port: number };

const say = (line = '') => process.stdout.write(`${line}\n`);
/** Progress goes to stderr, so stdout stays the report that docs/performance.md takes as it is. */
const started = Date.now();
const progress = (line: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);
const met = (ok: boolean) => (ok ? 'yes' : 'NO');

/** Undefined for a step that sends no request: there is nothing to compare it with. */
const ratioOf = ({ requests, appMs, directMs }: StepResult): number | undefined =>
  requests.length ? overheadRatio(median(appMs), median(directMs)) : undefined;

const roundTripTable = (results: StepResult[]) =>
  renderTable(
    ['CRM', 'Step', 'Cold', 'Steady', 'Minimum', 'Met', 'z.cache get/set', 'Steady-state requests'],
    results.map(({ step, cold, steady, cache, requests }) => [
      step.crm,
      step.name,
      String(cold),
      String(steady),
      String(step.minimum),
      met(steady <= step.minimum),
      `${cache.gets}/${cache.sets}`,
      requests.map((r) => `${r.method} ${new URL(r.url).pathname.replace(/^\/(keap\/crm\/rest|salesforce\/services\/data\/v[\d.]+|oncehub\/v2)/, '')}`).join(', ') || '(none)',
    ]),
  );

const overheadTable = (results: StepResult[]) =>
  renderTable(
    ['CRM', 'Step', 'App ms', 'Platform-only ms', 'Direct ms', 'App / direct', 'App / platform-only', `Met (≤ ${OVERHEAD_TARGET})`],
    results.map((result) => {
      const ratio = ratioOf(result);
      const app = median(result.appMs);
      const none = ratio === undefined;
      return [
        result.step.crm,
        result.step.name,
        formatMs(app),
        none ? '-' : formatMs(median(result.platformMs)),
        none ? '-' : formatMs(median(result.directMs)),
        none ? 'n/a' : ratio.toFixed(2),
        none ? 'n/a' : (app / median(result.platformMs)).toFixed(2),
        none ? 'n/a (no HTTP)' : met(ratio <= OVERHEAD_TARGET),
      ];
    }),
  );

const fieldTable = (results: FieldResult[]) =>
  renderTable(
    ['CRM', 'Build', 'Calls cold', 'Calls warm', 'Describe cold', 'Describe warm', 'z.cache get/set warm', 'Met (warm: 0 describe)'],
    results.map(({ build, cold, warm, warmCache }) => {
      const warmDescribes = warm.filter(isDescribe).length;
      return [
        build.crm,
        build.name,
        String(cold.length),
        String(warm.length),
        String(cold.filter(isDescribe).length),
        String(warmDescribes),
        `${warmCache.gets}/${warmCache.sets}`,
        met(warmDescribes === 0),
      ];
    }),
  );

const concurrencyTable = (rows: ConcurrencyRow[]) =>
  renderTable(
    ['CRM', 'Step', 'Runs at once', 'CRM requests', 'Per run', 'z.cache get/set', 'Runs retried', 'Records', 'Met (1 record)'],
    rows.map((row) => [
      row.crm,
      row.step,
      String(row.runs),
      String(row.requests),
      (row.requests / row.runs).toFixed(1),
      `${row.cacheGets}/${row.cacheSets}`,
      String(row.retried),
      String(row.records),
      met(row.records === 1),
    ]),
  );

const main = async (options: Options): Promise<void> => {
  const sandbox = await startSandbox({ port: options.port });
  try {
    pointAppAt(sandbox);
    const appTester = createRuntime(sandbox);
    const cache = probeZCache(sandbox);
    const connections = await connectBothCrms(appTester, sandbox);
    if (options.latencyMs > 0) {
      // Every provider request waits as long as a network hop would, for the app and the replay alike.
      sandbox.faults.add({ provider: 'any', path: '/', delayMs: options.latencyMs, times: Number.MAX_SAFE_INTEGER });
    }

    say('# OnceHub CRM connector benchmark');
    say();
    say(`Machine: ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, ${process.platform}/${process.arch}`);
    say(
      `Runs: ${options.warmup} warm-up + ${options.iterations} timed per step (app, platform-only and direct runs alternating); ` +
        `added latency ${options.latencyMs} ms per request; sandbox ${sandbox.url}`,
    );

    // Field builds first: the steps leave the Keap account with a long tag history.
    const fields: FieldResult[] = [];
    const builds = fieldBuilds(appTester, cache, connections);
    for (const [i, build] of builds.entries()) {
      progress(`dynamic fields ${i + 1}/${builds.length}: ${build.crm} ${build.name}`);
      fields.push(await measureFieldBuild(sandbox, cache, build));
    }

    progress('preparing the steps (contacts, tags, bookings in each CRM)');
    const steps = await buildSteps(appTester, cache, sandbox, connections);
    const results: StepResult[] = [];
    for (const [i, step] of steps.entries()) {
      progress(`step ${i + 1}/${steps.length}: ${step.crm} ${step.name} (${options.warmup} warm-up + ${options.iterations} timed runs)`);
      results.push(await measureStep(sandbox, appTester, cache, step, options));
    }
    progress('platform floor (invocations that run nothing)');
    const floor = median(await platformFloor(appTester, connections[0]!.authData, options));

    say('\n## HTTP round trips per step\n');
    say(roundTripTable(results));
    say('\n## Connector overhead (median app time / median direct replay time)\n');
    say(`Platform floor (one invocation that runs nothing): ${formatMs(floor)} ms.\n`);
    say(overheadTable(results));

    say('\n## Concurrent runs: what the claims cost (1 run is the sequential baseline)\n');
    progress('concurrent runs (1, 5 and 20 at once on each CRM)');
    const concurrency = await measureConcurrency(sandbox, appTester, cache, connections);
    say(concurrencyTable(concurrency));

    say('\n## Dynamic fields and dropdowns: describe calls cold vs warm\n');
    say(fieldTable(fields));

    say('\n## Cold start\n');
    progress(`cold start (${options.loadRuns} fresh processes each for the app and the zip)`);
    const appLoads = appLoadTimes(options.loadRuns);
    const zipLoads = zipLoadTimes(options.loadRuns);
    say(
      renderTable(
        ['What', 'Median', 'Runs'],
        [
          ['require() of the built app (index.js → dist/index.js), fresh process', `${formatMs(median(appLoads))} ms`, String(appLoads.length)],
          [
            'Zip as Zapier loads it (zapierwrapper.js + definition), fresh process',
            `${formatMs(median(zipLoads))} ms`,
            String(zipLoads.length),
          ],
          ['build/build.zip size', `${zipSizeKb().toFixed(0)} KB`, '-'],
        ],
      ),
    );

    const missed = [
      ...results.filter((r) => r.steady > r.step.minimum).map((r) => `${r.step.crm} ${r.step.name}: ${r.steady} round trips (minimum ${r.step.minimum})`),
      ...results
        .filter((r) => (ratioOf(r) ?? 0) > OVERHEAD_TARGET)
        .map((r) => `${r.step.crm} ${r.step.name}: overhead ${ratioOf(r)!.toFixed(2)} (target ${OVERHEAD_TARGET})`),
      ...fields.filter((f) => f.warm.some(isDescribe)).map((f) => `${f.build.crm} ${f.build.name}: describe calls with a warm cache`),
      ...concurrency.filter((row) => row.records !== 1).map((row) => `${row.crm} ${row.step}, ${row.runs} at once: ${row.records} records`),
    ];
    say('\n## Targets\n');
    say(missed.length ? `Missed (${missed.length}):\n${missed.map((m) => `- ${m}`).join('\n')}` : 'All targets met.');
    say('\n## Verdict\n');
    say(verdict(results, floor, median(appLoads)).join('\n'));
    progress('done');
  } finally {
    await sandbox.close();
  }
};

withFlags('npm run bench --', FLAGS, async (flags) => {
  await main({ iterations: flags.iterations, warmup: flags.warmup, loadRuns: flags['load-runs'], latencyMs: flags.latency, port: flags.port });
  return 0;
});
