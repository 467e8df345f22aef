import { describeReplays } from './replay';
import { useSandbox } from './support';

/** The two booking lifecycles' deliveries, replayed shuffled through fresh zaps that write to Keap (replay.ts). */
const h = useSandbox();

describe('replayed deliveries, Keap', () => {
  describeReplays(h, 'keap', 'shuffled');
});
