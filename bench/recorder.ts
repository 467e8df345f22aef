import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

/**
 * Records the HTTP requests this process sends while a function runs, exactly as they leave
 * Node's http client (so after every platform and app middleware), and replays them with
 * fetch. The benchmark compares a step run through the app with a replay of its own requests.
 */

export type RecordedRequest = { method: string; url: string; headers: Record<string, string>; body?: string };

/** Published by every ClientRequest as it is constructed, before the caller writes the body. */
const CREATED = 'http.client.request.created';

const headerText = (value: string | number | string[] | undefined): string => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

const toChunk = (chunk: unknown, encoding: unknown): Buffer | undefined => {
  if (chunk === undefined || chunk === null || typeof chunk === 'function') return undefined;
  if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  return Buffer.from(chunk as Uint8Array);
};

/** Keeps a copy of what is written to the request, passing every call through unchanged. */
const captureBody = (request: ClientRequest, record: RecordedRequest): void => {
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding: unknown) => {
    const buffer = toChunk(chunk, encoding);
    if (buffer) {
      chunks.push(buffer);
      record.body = Buffer.concat(chunks).toString('utf8');
    }
  };
  const write = request.write;
  const end = request.end;
  request.write = function (this: ClientRequest, chunk: unknown, ...rest: unknown[]) {
    keep(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ClientRequest['write'];
  request.end = function (this: ClientRequest, chunk?: unknown, ...rest: unknown[]) {
    keep(chunk, rest[0]);
    return (end as (...args: unknown[]) => ClientRequest).call(this, chunk, ...rest);
  } as ClientRequest['end'];
};

/** z.cache calls go to the sandbox's Zapier RPC: counted apart (the probe), not provider requests. */
const isZapierRpc = (request: ClientRequest): boolean => request.path.startsWith('/_sandbox/zapier/rpc');

export const recordRequests = async <T>(run: () => Promise<T>): Promise<{ result: T; requests: RecordedRequest[] }> => {
  const requests: RecordedRequest[] = [];
  const onCreated = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    if (isZapierRpc(request)) return;
    const headers = Object.fromEntries(Object.entries(request.getHeaders()).map(([name, value]) => [name, headerText(value)]));
    const record: RecordedRequest = { method: request.method, url: `${request.protocol}//${headers.host ?? request.host}${request.path}`, headers };
    requests.push(record);
    captureBody(request, record);
  };
  subscribe(CREATED, onCreated);
  try {
    return { result: await run(), requests };
  } finally {
    unsubscribe(CREATED, onCreated);
  }
};

/**
 * The platform wraps `global.fetch` with its request logger on its first invocation; the replay
 * keeps Node's own fetch so that the baseline carries no connector or platform code.
 */
const nodeFetch = globalThis.fetch;

/** Headers fetch derives from the URL and body itself (and refuses to take from the caller). */
const TRANSPORT_HEADERS = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);

export const replayHeaders = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !TRANSPORT_HEADERS.has(name.toLowerCase())));

/**
 * Sends the requests again, one after another as the app sent them, reading each answer whole.
 * Returns the statuses so a caller can tell a faithful replay from one the server refused.
 */
export const replay = async (requests: readonly RecordedRequest[], fetchImpl: typeof fetch = nodeFetch): Promise<number[]> => {
  const statuses: number[] = [];
  for (const request of requests) {
    const response = await fetchImpl(request.url, { method: request.method, headers: replayHeaders(request.headers), body: request.body });
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return statuses;
};
