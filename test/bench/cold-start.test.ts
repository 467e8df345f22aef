import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Cold start is paid by every fresh Zapier worker. The connector only converts ISO country
 * codes, which needs none of i18n-iso-countries' 78 translated name tables (~580 KB of JSON
 * that its Node entry point registers on load, about 25 ms here).
 */
const ROOT = path.resolve(__dirname, '../..');

const loadedFiles = (): string[] => {
  const script = `
    require(process.argv[1]);
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));
  `;
  const output = execFileSync(process.execPath, ['--import', 'tsx', '-e', script, path.join(ROOT, 'index.ts')], { cwd: ROOT, encoding: 'utf8' });
  return (JSON.parse(output) as string[]).map((file) => path.relative(ROOT, file));
};

describe('loading the app', () => {
  it('reads the country code table but no translated country names', () => {
    const countries = loadedFiles().filter((file) => file.includes('i18n-iso-countries'));
    expect(countries.sort()).toEqual(
      ['codes.json', 'index.js', 'supportedLocales.json'].map((name) => path.join('node_modules', 'i18n-iso-countries', name)),
    );
  });
});
