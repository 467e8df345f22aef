import type { StepResult } from '../../bench/measure';
import { verdict } from '../../bench/verdict';

const result = (name: string, minimum: number, steady: number, app: number, platform: number, direct: number, requests = 1): StepResult => ({
  step: { crm: 'keap', name, minimum, authData: {}, run: async () => undefined, check: () => undefined },
  cold: steady,
  steady,
  cache: { gets: 0, sets: 0 },
  requests: Array.from({ length: requests }, () => ({ method: 'GET', url: 'http://127.0.0.1/keap/crm/rest/v2/tags', headers: {} })),
  appMs: [app],
  platformMs: [platform],
  directMs: [direct],
});

describe('bench verdict', () => {
  it("splits the connector's cost from the platform's, and counts the steps at their minimum", () => {
    const lines = verdict([result('Find Contact', 1, 1, 10, 8, 2), result('Apply Tag', 2, 3, 20, 14, 4), result('New Booking', 0, 0, 1, 1, 1, 0)], 2.5, 300);
    expect(lines.filter(Boolean)).toEqual([
      '**What the connector controls.**',
      '- Round trips: 2 of 3 steps send no more requests than their API minimum in the steady state; the rest are listed under Targets.',
      "- Its own code (app run minus the platform-only replay of the same requests): median 4.00 ms a step, 25 % of the step's time; the most is keap Apply Tag, 6.00 ms.",
      '**What the platform costs, whatever the connector does.**',
      '- One invocation that runs nothing: 2.50 ms.',
      "- zapier-platform-core's HTTP layer over a bare fetch of the same requests: median 8.00 ms a step.",
      '- Loading the built app in a fresh process: 300 ms, once per cold container.',
      expect.stringMatching(/^On loopback the CRMs answer in about a millisecond/),
    ]);
  });
});
