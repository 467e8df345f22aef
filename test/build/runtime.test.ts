import { satisfies } from 'semver';
import lock from '../../package-lock.json';
import { devDependencies, engines, scripts } from '../../package.json';

/**
 * Zapier runs the app on Node 22; a fresh machine may have only Node 20. The `node` dev
 * dependency puts Node 22 first on the PATH of every npm script (so this test runs on it), while
 * no package's `engines` refuses Node 20, so `npm install` there prints no engine warning.
 */
/** The Node of a fresh machine of this project's kind (/work/.library/env: node v20.20.2). */
const MACHINE_NODE = '20.20.2';

describe('the runtime every npm script uses', () => {
  it('is Node 22, the version Zapier runs apps on', () => {
    expect(process.versions.node.split('.')[0]).toBe('22');
    expect(devDependencies.node).toMatch(/^\^22\./);
  });

  it('lets npm install on Node 20 without an engine warning', () => {
    expect(satisfies(MACHINE_NODE, engines.node)).toBe(true);
    const refusing = Object.entries(lock.packages as Record<string, { engines?: unknown }>)
      .filter(([, entry]) => typeof entry.engines === 'object' && entry.engines !== null)
      .map(([name, entry]) => [name || 'this project', (entry.engines as { node?: string }).node] as const)
      .filter(([, node]) => typeof node === 'string' && !satisfies(MACHINE_NODE, node));
    expect(refusing).toEqual([]);
  });

  it('builds the app on install, so the Zapier CLI finds dist/ on a fresh clone', () => {
    expect(scripts.prepare).toBe('npm run build');
    for (const command of ['describe', 'invoke'] as const) expect(scripts[command]).toMatch(/^npm run build && /);
  });
});
