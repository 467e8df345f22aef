import { describeReplays } from './replay';
import { useSandbox } from './support';

/** The two booking lifecycles' deliveries, replayed in order through fresh zaps that write to Salesforce (replay.ts). */
const h = useSandbox();

describe('replayed deliveries, Salesforce', () => {
  describeReplays(h, 'salesforce', 'in order');
});
