import AdmZip from 'adm-zip';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import App from '../../index';

/**
 * A build that passes locally but cannot load on Zapier is a known pitfall (missing root
 * index.js, files the dependency trace missed). This unzips what `npm run zip` produced,
 * loads its handler the way Zapier's runtime does, and asks it for the app definition.
 */
const zipPath = path.resolve(__dirname, '../../build/build.zip');

const keysOf = (section: Record<string, unknown> | undefined) => Object.keys(section ?? {}).sort();

describe('built zip', () => {
  let dir: string;

  beforeAll(() => {
    if (!existsSync(zipPath)) throw new Error('build/build.zip is missing: run `npm run zip` first (npm test does).');
    dir = mkdtempSync(path.join(tmpdir(), 'zapier-zip-'));
    new AdmZip(zipPath).extractAllTo(dir);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads through the Zapier wrapper and returns the definition with every registered key', async () => {
    // A child process keeps the zip's own node_modules, not the project's, in charge of resolution.
    const script = `
      const { handler } = require(${JSON.stringify(path.join('DIR', 'zapierwrapper.js'))}.replace('DIR', process.argv[1]));
      handler({ command: 'definition' }, {}).then((r) => process.stdout.write(JSON.stringify(r.results)));
    `;
    const output = execFileSync(process.execPath, ['-e', script, dir], { cwd: dir, encoding: 'utf8' });
    const definition = JSON.parse(output);

    expect(definition.version).toBe(App.version);
    expect(definition.authentication.type).toBe('oauth2');
    expect(definition.authentication.oauth2Config.autoRefresh).toBe(true);
    for (const section of ['triggers', 'searches', 'creates', 'searchOrCreates'] as const) {
      expect(keysOf(definition[section])).toEqual(keysOf(App[section] as Record<string, unknown>));
    }
  });

  it('ships the English country names that a step reads on first use, not at load', () => {
    expect(existsSync(path.join(dir, 'node_modules', 'i18n-iso-countries', 'langs', 'en.json'))).toBe(true);
  });
});
