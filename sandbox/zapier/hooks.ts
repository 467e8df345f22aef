import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One webhook delivery as Zapier's hook endpoint receives it. */
export type Delivery = { method: string; headers: Record<string, string>; content: string; querystring: string };

/**
 * Zapier hands a hook trigger the request with each header name `Http-` prefixed and
 * title-cased; the connector must find `Oncehub-Signature` in that form.
 */
const zapierHeaders = (headers: IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      `Http-${name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase())}`,
      Array.isArray(value) ? value.join(', ') : String(value ?? ''),
    ]),
  );

/**
 * A local stand-in for the zap's hook URL: answers 200 at once (as Zapier does) and queues
 * each delivery, so the caller can run the zap for them in arrival order.
 */
export class HookEndpoint {
  private readonly server: Server;
  private readonly queue: Delivery[] = [];
  private handler?: (delivery: Delivery) => void;
  url = '';

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const [, querystring = ''] = (req.url ?? '').split('?');
        const delivery = {
          method: req.method ?? 'POST',
          headers: zapierHeaders(req.headers),
          content: Buffer.concat(chunks).toString('utf8'),
          querystring,
        };
        if (this.handler) this.handler(delivery);
        else this.queue.push(delivery);
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"success"}');
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/hooks/catch/new_booking/`;
    return this.url;
  }

  /** Hands each delivery to `handler` as it arrives (a live zap) instead of queuing it for `take`. */
  onDelivery(handler: (delivery: Delivery) => void): void {
    this.handler = handler;
  }

  /** Takes every delivery received so far, oldest first, waiting up to `timeoutMs` for the first. */
  async take(timeoutMs = 5000): Promise<Delivery[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.queue.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    return this.queue.splice(0, this.queue.length);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
