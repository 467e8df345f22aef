import { parseArgs } from 'node:util';

/**
 * The command-line flags of `npm start`, `npm run sandbox` and `npm run bench`, in one form:
 * `--name=value` (`--name value` works too) and bare switches such as `--exit`. An unknown flag,
 * or a value of the wrong kind, stops the command with its usage instead of being ignored.
 */
export type FlagSpec =
  | { kind: 'integer'; default: number; min?: number; max?: number; help: string }
  | { kind: 'switch'; help: string };

type Values<S extends Record<string, FlagSpec>> = { [K in keyof S]: S[K] extends { kind: 'integer' } ? number : boolean };

export class FlagError extends Error {}

export const usage = (command: string, spec: Record<string, FlagSpec>): string =>
  [
    `Usage: ${command} [flags]`,
    ...Object.entries(spec).map(([name, flag]) =>
      flag.kind === 'switch' ? `  --${name.padEnd(18)} ${flag.help}` : `  --${`${name}=N`.padEnd(18)} ${flag.help} (default ${flag.default})`,
    ),
    `  --${'help'.padEnd(18)} this list`,
  ].join('\n');

export const readFlags = <S extends Record<string, FlagSpec>>(command: string, spec: S, argv: string[] = process.argv.slice(2)): Values<S> & { help: boolean } => {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean' },
        ...Object.fromEntries(Object.entries(spec).map(([name, flag]) => [name, { type: flag.kind === 'switch' ? 'boolean' : 'string' }] as const)),
      },
    });
  } catch (error) {
    // parseArgs words its refusals well; they may come from another realm (jest), so read the message as data.
    throw new FlagError(`${command}: ${String((error as { message?: unknown }).message ?? error)}\n${usage(command, spec)}`);
  }
  const values: Record<string, number | boolean> = { help: parsed.values.help === true };
  for (const [name, flag] of Object.entries(spec)) {
    const given = parsed.values[name];
    if (flag.kind === 'switch') {
      values[name] = given === true;
      continue;
    }
    const number = given === undefined ? flag.default : Number(given);
    const min = flag.min ?? 1;
    const max = flag.max ?? Number.MAX_SAFE_INTEGER;
    if (!Number.isInteger(number) || number < min || number > max) {
      throw new FlagError(`${command}: --${name} takes a whole number from ${min} to ${max}, as in --${name}=${flag.default}; got "${String(given)}".\n${usage(command, spec)}`);
    }
    values[name] = number;
  }
  return values as Values<S> & { help: boolean };
};

/** Runs a command's main with its flags read first: a flag problem prints the usage and exits 2. */
export const withFlags = <S extends Record<string, FlagSpec>>(command: string, spec: S, main: (flags: Values<S>) => Promise<number>): void => {
  let flags: Values<S> & { help: boolean };
  try {
    flags = readFlags(command, spec);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  if (flags.help) {
    process.stdout.write(`${usage(command, spec)}\n`);
    process.exit(0);
  }
  main(flags).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${command} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
};

export const PORT_FLAG = { kind: 'integer', default: 0, min: 0, max: 65535, help: 'the sandbox port; 0 picks a free one' } as const satisfies FlagSpec;
