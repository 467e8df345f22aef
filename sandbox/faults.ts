import type { Provider, SandboxResponse } from './http';

export interface FaultSpec {
  provider: Provider | 'any';
  method?: string;
  /** A string matches any request path that contains it; use a RegExp to be precise. */
  path: string | RegExp;
  /** How many matching requests the fault answers; default 1. */
  times?: number;
  /** How many matching requests pass untouched before the fault applies (e.g. a step's second composite call); default 0. */
  skip?: number;
  /** Answer with this status instead of routing the request normally. */
  status?: number;
  headers?: Record<string, string>;
  /** Defaults to the provider's own error body for the status. */
  body?: string | object;
  /** The provider's throttling answer (Keap 429, Salesforce 403 REQUEST_LIMIT_EXCEEDED, OnceHub 429). */
  rateLimit?: boolean;
  /** Waits before answering (with the fault, or with the normal response when no status is set). */
  delayMs?: number;
  /** Cuts the JSON body in half: of the fault body, or of the normal response when no status is set. */
  malformed?: boolean;
}

interface ActiveFault extends FaultSpec {
  remaining: number;
  toSkip: number;
}

/** What the server should do with a request a fault matched. */
export interface FaultAction {
  delayMs: number;
  malformed: boolean;
  /** Absent when the request should still be routed normally. */
  response?: SandboxResponse;
}

/** Each provider answers throttling and auth failures in its own shape (reference §3 of each doc). */
const keapThrottleHeaders = (): Record<string, string> => ({
  'x-keap-product-throttle-limit': '1500',
  'x-keap-product-throttle-time-unit': 'minute',
  'x-keap-product-throttle-interval': '1',
  'x-keap-product-throttle-available': '0',
  'x-keap-product-throttle-used': '1500',
});

const rateLimitResponse = (provider: Provider): SandboxResponse => {
  switch (provider) {
    case 'keap':
      return {
        status: 429,
        headers: keapThrottleHeaders(),
        body: { code: '429', message: 'Quota Exceeded', status: 'Request Throttled', details: null },
      };
    case 'salesforce':
      return { status: 403, body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }] };
    case 'oncehub':
      return { status: 429, headers: { 'retry-after': '1' }, body: { type: 'rate_limit_error', message: 'Request rate limit exceeded' } };
  }
};

const defaultBody = (provider: Provider, status: number): unknown => {
  if (status === 401) {
    if (provider === 'keap')
      return { fault: { faultstring: 'Invalid Access Token', detail: { errorcode: 'keymanagement.service.invalid_access_token' } } };
    if (provider === 'salesforce') return [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
    return { type: 'authentication_error', message: 'Invalid API key.' };
  }
  const message = status >= 500 ? 'Internal server error (injected fault)' : `Injected fault ${status}`;
  if (provider === 'keap') return { code: status, message, status: status >= 500 ? 'Internal Server Error' : 'Error', details: [] };
  if (provider === 'salesforce')
    return [{ message, errorCode: status === 503 ? 'SERVER_UNAVAILABLE' : status >= 500 ? 'UNKNOWN_EXCEPTION' : 'INVALID_REQUEST' }];
  return { type: status >= 500 ? 'api_error' : 'invalid_request_error', message };
};

export class Faults {
  private list: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    this.list.push({ ...spec, remaining: spec.times ?? 1, toSkip: spec.skip ?? 0 });
  }

  clear(): void {
    this.list = [];
  }

  get pending(): readonly FaultSpec[] {
    return this.list.map(({ remaining, toSkip, ...spec }) => ({ ...spec, times: remaining, ...(toSkip ? { skip: toSkip } : {}) }));
  }

  /** Consumes the first fault that matches, in the order they were added; a fault still skipping lets the request pass it. */
  take(provider: Provider, method: string, fullPath: string): FaultAction | undefined {
    const index = this.list.findIndex((f) => {
      const matches =
        (f.provider === 'any' || f.provider === provider) &&
        (!f.method || f.method.toUpperCase() === method) &&
        (typeof f.path === 'string' ? fullPath.includes(f.path) : f.path.test(fullPath));
      if (!matches || f.toSkip === 0) return matches;
      f.toSkip -= 1;
      return false;
    });
    const fault = this.list[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.list.splice(index, 1);

    const action: FaultAction = { delayMs: fault.delayMs ?? 0, malformed: fault.malformed ?? false };
    if (fault.rateLimit) action.response = rateLimitResponse(provider);
    else if (fault.status !== undefined) action.response = { status: fault.status };
    if (action.response) {
      const body = fault.body ?? action.response.body ?? defaultBody(provider, fault.status ?? action.response.status);
      action.response = {
        ...action.response,
        headers: { ...action.response.headers, ...fault.headers },
        ...(typeof body === 'string' ? { text: body, contentType: 'application/json' } : { body }),
      };
    }
    return action;
  }
}
