import nock from 'nock';
import { learnDescribe, requestViolations, type SeenRequest } from './shapes';

/**
 * Runs in every test file (jest setupFilesAfterEnv): every request a nock interceptor answers
 * is checked against the documented shape of its provider call (test/contract/shapes.ts), and
 * a test that sent one the real API would reject fails in afterEach.
 *
 * nock announces a matched request only on its own scope ('request'), so the hook wraps the
 * Scope class's `emit`; each test file has its own nock module, and this file patches it.
 */

/**
 * Files that send requests the connector never would, on purpose: the HTTP-layer tests feed
 * each error mapper bodiless or invented calls to read the provider's error replies.
 */
const UNCHECKED_FILES = [/test\/src\/http\/api\.test\.ts$/];

type InterceptedRequest = { method?: string; path?: string; headers?: Record<string, unknown> };
type Interceptor = { basePath?: string; body?: unknown; scope?: { listenerCount(event: string): number } };

const violations: string[] = [];

const record = (req: InterceptedRequest, interceptor: Interceptor, body: string | undefined) => {
  let url: URL;
  try {
    url = new URL(String(req.path), interceptor.basePath);
  } catch {
    return;
  }
  const request: SeenRequest = {
    method: String(req.method).toUpperCase(),
    url,
    headers: req.headers ?? {},
    body: body ?? '',
    bodyCheckedByScope: (interceptor.scope?.listenerCount('request') ?? 0) > 0,
  };
  if (request.method === 'GET' && /\/sobjects\/\w+\/describe$/.test(url.pathname) && typeof interceptor.body === 'string') {
    learnDescribe(interceptor.body);
  }
  if (UNCHECKED_FILES.some((file) => file.test(expect.getState().testPath ?? ''))) return;
  const found = requestViolations(request);
  if (found.length) violations.push(`${request.method} ${url.origin}${url.pathname}${url.search}\n  - ${found.join('\n  - ')}`);
};

const PATCHED = Symbol.for('contract.record-requests');
const scopePrototype = Object.getPrototypeOf(nock('https://contract-check.invalid')) as {
  emit: (event: string | symbol, ...args: unknown[]) => boolean;
  [PATCHED]?: boolean;
};
if (!scopePrototype[PATCHED]) {
  const emit = scopePrototype.emit;
  scopePrototype.emit = function patchedEmit(this: unknown, event, ...args) {
    if (event === 'request') record(args[0] as InterceptedRequest, args[1] as Interceptor, args[2] as string | undefined);
    return emit.call(this, event, ...args);
  };
  scopePrototype[PATCHED] = true;
}

/** Records a problem found elsewhere (the sandbox's answers); the test fails in afterEach. */
export const reportViolation = (problem: string): void => {
  violations.push(problem);
};

/** Hands over (and clears) the violations recorded so far: for tests that send bad requests on purpose. */
export const takeRequestViolations = (): string[] => violations.splice(0);

beforeEach(() => {
  violations.length = 0;
});

afterEach(() => {
  const found = takeRequestViolations();
  if (found.length) throw new Error(`requests the real API would reject, or answers it would never send (test/contract/shapes.ts):\n${found.join('\n')}`);
});
