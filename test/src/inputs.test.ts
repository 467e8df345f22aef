import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { InputSet } from '../../src/input';
import { ACTIVITY_INPUTS, CONTACT_INPUTS, FIND_INPUTS, TAG_INPUTS } from '../../src/inputs';
import { CRM_PROVIDERS } from '../../src/providers/registry';

/**
 * Each input is declared once: its label, key and schema live in one declaration, and every
 * message that names the field reads them from there. These checks keep it that way.
 */
const ROOT = join(__dirname, '../..');
const DECLARATIONS = ['src/inputs.ts', 'src/providers/keap/form.ts', 'src/providers/salesforce/form.ts'];

const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });

const SHARED: InputSet[] = [CONTACT_INPUTS, FIND_INPUTS, TAG_INPUTS, ACTIVITY_INPUTS];
const declared = [
  ...SHARED.flatMap((set) => set.inputs),
  ...CRM_PROVIDERS.flatMap((provider) => Object.values(provider.inputs).flatMap((set) => set?.inputs ?? [])),
];

/** A key in parentheses after a title-case word or an interpolated value: `Owner (owner_id)`, `${email} (email)`. */
const handWritten = (key: string) => new RegExp(`(?:\\b[A-Z][\\w/-]*|[)}"'\`]) \\(${key}\\)`);

describe('input declarations', () => {
  it('declare every input with a label, and one label per key within each CRM', () => {
    for (const provider of CRM_PROVIDERS) {
      const own = Object.values(provider.inputs).flatMap((set) => set?.inputs ?? []);
      const shared = SHARED.flatMap((set) => set.inputs);
      const labels = new Map<string, Set<string>>();
      for (const input of [...shared, ...own]) labels.set(input.key, (labels.get(input.key) ?? new Set()).add(input.label));
      const conflicting = [...labels].filter(([, set]) => set.size > 1).map(([key, set]) => `${key}: ${[...set].join(' / ')}`);
      expect({ crm: provider.crm, conflicting }).toEqual({ crm: provider.crm, conflicting: [] });
    }
  });

  it.each(['Owner (owner_id)', 'got ${email} (email).', 'Duration (Minutes) (duration_minutes)'])('would catch %s', (line) => {
    expect(declared.some((input) => handWritten(input.key).test(line))).toBe(true);
  });

  it('are the only place a field is named: no message writes "Label (key)" by hand', () => {
    const keys = [...new Set(declared.map((input) => input.key))];
    const written = sources('src')
      .filter((path) => !DECLARATIONS.includes(path.replaceAll('\\', '/')))
      .flatMap((path) =>
        readFileSync(join(ROOT, path), 'utf8')
          .split('\n')
          .flatMap((line, i) => keys.filter((key) => handWritten(key).test(line)).map((key) => `${relative(ROOT, join(ROOT, path))}:${i + 1} (${key})`)),
      );
    expect(written).toEqual([]);
  });

  it('reach providers only through ctx.input: no provider reads a step bundle’s inputData', () => {
    const readers = sources('src/providers')
      // OAuth steps read the connect flow's fields, and contextFor is where the step input becomes ctx.input.
      .filter((path) => !path.endsWith('oauth.ts') && path.replaceAll('\\', '/') !== 'src/providers/index.ts')
      .filter((path) => /\binputData\b/.test(readFileSync(join(ROOT, path), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')));
    expect(readers).toEqual([]);
  });
});
