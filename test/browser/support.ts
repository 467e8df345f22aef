import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import packagedChromium from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';
import { devDependencies } from '../../package.json';

/**
 * The browser comes from the npm registry: @sparticuz/chromium ships a headless Chromium inside its
 * tarball (nothing is downloaded at install time, which this network forbids), unpacked on first
 * use. `CHROMIUM_PATH` picks a system Chromium instead. A missing browser is a setup error, never a skip.
 */
export const chromiumPath = async (): Promise<string> => {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen) {
    if (!existsSync(chosen)) {
      throw new Error(`CHROMIUM_PATH names ${chosen}, which does not exist. Unset it to use the Chromium that npm installs.`);
    }
    return chosen;
  }
  return unpackedChromium();
};

/**
 * The package unpacks into the OS temp folder and reuses whatever `chromium` it finds there, so a
 * folder of its own per package version keeps another version's leftovers out.
 */
const unpackedChromium = async (): Promise<string> => {
  const folder = path.resolve(__dirname, '../../node_modules/.cache', `sparticuz-chromium-${devDependencies['@sparticuz/chromium']}`);
  mkdirSync(folder, { recursive: true });
  const tmpdir = process.env.TMPDIR;
  process.env.TMPDIR = folder;
  try {
    return await packagedChromium.executablePath();
  } finally {
    if (tmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdir;
  }
};

export const launchChromium = async (): Promise<Browser> =>
  chromium.launch({
    executablePath: await chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

/**
 * The OAuth redirect URI, as a real loopback endpoint: the browser lands on it after the
 * consent page exactly as it would land on Zapier's return URL, and each arrival is handed to
 * whoever waits for it. A real server (rather than request interception) also sees redirects,
 * which Playwright's routing does not follow.
 */
export class RedirectCatcher {
  private readonly server: Server;
  private readonly arrived: URL[] = [];
  private waiting: Array<(url: URL) => void> = [];
  url = '';

  constructor(private readonly path = '/oauth/return') {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', this.url);
      if (url.pathname !== this.path) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Back at Zapier</title><p>Returned.</p>');
      const next = this.waiting.shift();
      if (next) next(url);
      else this.arrived.push(url);
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${this.path}`;
  }

  /** The next request that reaches the redirect URI, with its query. */
  next(timeoutMs = 10_000): Promise<URL> {
    const ready = this.arrived.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise<URL>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== take);
        reject(new Error(`Nothing reached the redirect URI ${this.url} within ${timeoutMs} ms.`));
      }, timeoutMs);
      const take = (url: URL) => {
        clearTimeout(timer);
        resolve(url);
      };
      this.waiting.push(take);
    });
  }

  close(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }
}
