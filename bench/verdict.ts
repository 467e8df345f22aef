import type { StepResult } from './measure';
import { formatMs, median } from './stats';

/**
 * What the figures mean, split by who controls the cost: the connector (its round trips, and its
 * own code's time: app run minus the platform-only replay of the same requests) and the platform
 * (one invocation's floor, its HTTP layer over a bare fetch, and loading the app).
 */
export const verdict = (results: StepResult[], floor: number, appLoadMs: number): string[] => {
  const atMinimum = results.filter((result) => result.steady <= result.step.minimum).length;
  const timed = results
    .filter((result) => result.requests.length)
    .map((result) => {
      const [app, platform, direct] = [median(result.appMs), median(result.platformMs), median(result.directMs)];
      return { result, ownMs: app - platform, ownShare: (app - platform) / app, platformHttpMs: platform - direct };
    });
  const worst = timed.reduce((a, b) => (a.ownMs > b.ownMs ? a : b));
  return [
    '**What the connector controls.**',
    '',
    `- Round trips: ${atMinimum} of ${results.length} steps send no more requests than their API minimum in the steady state` +
      (atMinimum < results.length ? `; the rest are listed under Targets.` : '.'),
    `- Its own code (app run minus the platform-only replay of the same requests): median ${formatMs(median(timed.map((t) => t.ownMs)))} ms a step, ` +
      `${(median(timed.map((t) => t.ownShare)) * 100).toFixed(0)} % of the step's time; the most is ${worst.result.step.crm} ${worst.result.step.name}, ${formatMs(worst.ownMs)} ms.`,
    '',
    '**What the platform costs, whatever the connector does.**',
    '',
    `- One invocation that runs nothing: ${formatMs(floor)} ms.`,
    `- zapier-platform-core's HTTP layer over a bare fetch of the same requests: median ${formatMs(median(timed.map((t) => t.platformHttpMs)))} ms a step.`,
    `- Loading the built app in a fresh process: ${formatMs(appLoadMs)} ms, once per cold container.`,
    '',
    'On loopback the CRMs answer in about a millisecond, so these shares are the most the connector and the platform can weigh; with real network latency the CRMs\' own time dominates (the --latency figures in docs/performance.md).',
  ];
};

