import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAppTester, type ZObject } from 'zapier-platform-core';
import App from '../../index';
import { recordRequests, replay, replayHeaders } from '../../bench/recorder';

/**
 * The benchmark's baseline is a replay of the requests the app sent; these check that what is
 * recorded is what left the process (after the platform's middlewares) and that the replay
 * sends the same method, path, headers and body again.
 */
type Seen = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

let server: Server;
let origin = '';
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  seen.length = 0;
});

const appTester = createAppTester(App);
/** Two requests through z.request, as a step sends them: a JSON POST and a GET with a query. */
const sendTwo = () =>
  appTester(
    (async (z: ZObject) => {
      await z.request({ url: `${origin}/v2/contacts?duplicate_option=Email`, method: 'POST', json: { email: 'ada@example.com' }, headers: { Authorization: 'Bearer bench-token' } });
      await z.request({ url: `${origin}/v2/tags`, params: { page_size: '1000' }, headers: { Authorization: 'Bearer bench-token' } });
      return {};
    }) as never,
    { meta: {} } as never,
  );

describe('recordRequests', () => {
  it('records each request as it reached the server: method, URL, headers and body', async () => {
    const { requests } = await recordRequests(sendTwo);

    expect(requests.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
      { method: 'POST', url: `${origin}/v2/contacts?duplicate_option=Email`, body: '{"email":"ada@example.com"}' },
      { method: 'GET', url: `${origin}/v2/tags?page_size=1000`, body: undefined },
    ]);
    expect(seen.map(({ method, url, body }) => ({ method, url: `${origin}${url}`, body: body || undefined }))).toEqual(
      requests.map(({ method, url, body }) => ({ method, url, body })),
    );
    requests.forEach((request, i) => {
      for (const [name, value] of Object.entries(request.headers)) expect([name, seen[i]!.headers[name]]).toEqual([name, value]);
    });
    expect(requests[0]!.headers).toMatchObject({ authorization: 'Bearer bench-token', 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Zapier' });
  });

  it('stops recording when the function has finished', async () => {
    const { requests } = await recordRequests(async () => undefined);
    await sendTwo();
    expect(requests).toEqual([]);
  });
});

describe('replay', () => {
  it('sends the recorded requests again in order and returns their statuses', async () => {
    const { requests } = await recordRequests(sendTwo);
    const original = [...seen];
    seen.length = 0;

    expect(await replay(requests)).toEqual([201, 200]);

    expect(seen.map(({ method, url, body }) => ({ method, url, body }))).toEqual(original.map(({ method, url, body }) => ({ method, url, body })));
    seen.forEach((request, i) => {
      const recorded = replayHeaders(requests[i]!.headers);
      for (const [name, value] of Object.entries(recorded)) expect([name, request.headers[name]]).toEqual([name, value]);
      // fetch adds only these two of its own; everything else came from the recording.
      expect(Object.keys(request.headers).filter((name) => !(name in recorded) && !['host', 'connection', 'content-length'].includes(name)).sort()).toEqual([
        'accept-language',
        'sec-fetch-mode',
      ]);
    });
  });

  it('leaves out the headers fetch derives from the URL and body', () => {
    expect(
      replayHeaders({ host: 'a:1', 'content-length': '2', connection: 'keep-alive', 'Transfer-Encoding': 'chunked', 'keep-alive': '5', accept: 'application/json' }),
    ).toEqual({ accept: 'application/json' });
  });
});
