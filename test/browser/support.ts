import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, not Playwright's own download: CI cannot reach Playwright's CDN, so
 * `.ci/run` installs the distribution package. A missing browser is a setup error, never a skip.
 */
export const chromiumPath = (): string => {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `The browser tests need Chromium at ${executablePath}, which does not exist. Install Debian's chromium ` +
        '(`apt-get install chromium`; .ci/run does it) or point CHROMIUM_PATH at a Chromium binary.',
    );
  }
  return executablePath;
};

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: chromiumPath(),
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
