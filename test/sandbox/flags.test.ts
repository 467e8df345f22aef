import { FlagError, PORT_FLAG, readFlags } from '../../sandbox/flags';

/** `npm start`, `npm run sandbox` and `npm run bench` read their flags the same way. */
const SPEC = { port: PORT_FLAG, iterations: { kind: 'integer', default: 50, help: 'timed runs' }, exit: { kind: 'switch', help: 'stop at once' } } as const;
const read = (...argv: string[]) => readFlags('npm start --', SPEC, argv);
const refusal = (...argv: string[]) => {
  try {
    read(...argv);
  } catch (error) {
    if (error instanceof FlagError) return error.message;
    throw error;
  }
  throw new Error('expected a FlagError');
};

describe('command-line flags', () => {
  it('takes --name=value and --name value alike, and defaults what is absent', () => {
    expect(read('--port=4600', '--exit')).toEqual({ port: 4600, iterations: 50, exit: true, help: false });
    expect(read('--port', '4600')).toEqual({ port: 4600, iterations: 50, exit: false, help: false });
    expect(read()).toEqual({ port: 0, iterations: 50, exit: false, help: false });
  });

  it('refuses an unknown flag with the usage, instead of ignoring it', () => {
    const message = refusal('--prot=4600');
    expect(message).toMatch(/^npm start --: Unknown option '--prot'/);
    expect(message).toContain('Usage: npm start -- [flags]\n  --port=N');
    expect(message).toContain('--exit ');
  });

  it('refuses a value of the wrong kind, naming the flag and the range', () => {
    for (const bad of ['--port=http', '--port=70000', '--port=-1', '--iterations=0', '--iterations=2.5']) {
      expect(refusal(bad)).toMatch(/^npm start --: --(port|iterations) takes a whole number from \d+ to \d+, as in --\w+=\d+; got "/);
    }
    expect(refusal('--exit=yes')).toMatch(/^npm start --: Option '--exit' does not take an argument/);
    expect(refusal('extra')).toMatch(/^npm start --: Unexpected argument 'extra'/);
  });
});
