import type {
  AfterResponseMiddleware,
  BeforeRequestMiddleware,
  Bundle,
  HttpRequestOptions,
  HttpResponse,
  ZObject,
} from 'zapier-platform-core';
import { SALESFORCE_API_VERSION, urls } from '../config';
import { throwForKeapError } from '../providers/keap/errors';
import { ONCEHUB_KEY_HELP, oncehubKeyRejectedMessage, throwForOnceHubError } from '../oncehub/errors';
import { throwForSalesforceError } from '../providers/salesforce/errors';

/**
 * Every call to a provider API goes through here: `callApi(z, bundle, 'keap', {url: '/v2/contacts'})`.
 * The `api` tag travels in `middlewareData`, so one before-middleware resolves the base URL and
 * attaches credentials, and one after-middleware hands failures to that provider's error mapper.
 */
export type ApiName = 'keap' | 'salesforce' | 'oncehub';

type Route = {
  baseUrl: (bundle: Bundle) => string;
  /** Origins this connection's credentials may be sent to; nothing else ever sees them. */
  trustedOrigins: (bundle: Bundle) => string[];
  credentials: (z: ZObject, bundle: Bundle) => Record<string, string>;
  mapErrors: (z: ZObject, response: HttpResponse) => HttpResponse;
};

const originOf = (url: string | undefined): string | undefined => {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
};

const bearer = (z: ZObject, bundle: Bundle, service: string): Record<string, string> => {
  const token = bundle.authData?.access_token;
  if (!token) {
    throw new z.errors.ExpiredAuthError(`This ${service} connection has no access token. Reconnect your ${service} account.`);
  }
  return { Authorization: `Bearer ${token}` };
};

const salesforceInstance = (bundle: Bundle): string => (bundle.authData?.instance_url ?? '').replace(/\/+$/, '');

const ROUTES: Record<ApiName, Route> = {
  keap: {
    baseUrl: () => urls.keapApiBase(),
    trustedOrigins: () => [originOf(urls.keapApiBase())].filter((o): o is string => Boolean(o)),
    credentials: (z, bundle) => bearer(z, bundle, 'Keap'),
    mapErrors: throwForKeapError,
  },
  salesforce: {
    baseUrl: (bundle) => `${salesforceInstance(bundle)}/services/data/${SALESFORCE_API_VERSION}`,
    trustedOrigins: (bundle) =>
      [originOf(salesforceInstance(bundle)), originOf(bundle.authData?.id)].filter((o): o is string => Boolean(o)),
    credentials: (z, bundle) => bearer(z, bundle, 'Salesforce'),
    mapErrors: throwForSalesforceError,
  },
  oncehub: {
    baseUrl: () => urls.oncehubApiBase(),
    trustedOrigins: () => [originOf(urls.oncehubApiBase())].filter((o): o is string => Boolean(o)),
    credentials: (z, bundle) => {
      const key = bundle.authData?.oncehub_api_key;
      if (!key) {
        throw new z.errors.Error(
          `This connection has no OnceHub API key, which the New Booking trigger needs. ${ONCEHUB_KEY_HELP}`,
          'OnceHubKeyMissing',
          400,
        );
      }
      return { 'API-Key': key };
    },
    mapErrors: throwForOnceHubError,
  },
};

const apiOf = (request: HttpRequestOptions): ApiName | undefined => {
  const api = request.middlewareData?.api;
  return api === 'keap' || api === 'salesforce' || api === 'oncehub' ? api : undefined;
};

export const routeApiRequest: BeforeRequestMiddleware = (request, z, bundle) => {
  const api = apiOf(request);
  if (!api) return request;
  const route = ROUTES[api];
  const url = request.url ?? '';
  const resolved = url.startsWith('/') ? `${route.baseUrl(bundle)}${url}` : url;
  const origin = originOf(resolved);
  const trusted = origin !== undefined && route.trustedOrigins(bundle).includes(origin);
  return Object.assign(request, {
    url: resolved,
    // Status handling belongs to the provider's error mapper, including 429 (so it can read
    // provider-specific throttle headers instead of only Retry-After).
    skipThrowForStatus: true,
    throwForThrottlingEarly: false,
    headers: {
      Accept: 'application/json',
      ...request.headers,
      ...(trusted ? route.credentials(z, bundle) : {}),
    },
  });
};

export const mapApiErrors: AfterResponseMiddleware = (response, z) => {
  const api = apiOf(response.request);
  return api ? ROUTES[api].mapErrors(z, response) : response;
};

/** How recently a token must have been issued for a 401 to mean "refreshing will not help". */
export const FRESH_TOKEN_MS = 5 * 60 * 1000;

const FRESH_TOKEN_REJECTED: Record<'keap' | 'salesforce', string> = {
  keap:
    'Keap rejected an access token it issued moments ago, so reconnecting is needed rather than a refresh. ' +
    'Reconnect your Keap account; if it happens again, the Keap app may not be approved for this client.',
  salesforce:
    'Salesforce rejected a session it issued moments ago ("This session is not valid for use with the REST API"). ' +
    'This happens when the org requires a high-assurance session or blocks this connected app. Ask your Salesforce admin ' +
    'to allow API access for the connected app (its OAuth policies and session security level), then reconnect.',
};

const isRefreshAuthError = (error: unknown): boolean => error instanceof Error && error.name === 'RefreshAuthError';

/**
 * The platform turns every 401 into a refresh before app middleware runs. That is right for
 * an expired token, but a token issued moments ago that is already refused will be refused
 * again after any number of refreshes, and a OnceHub key cannot be refreshed at all: stop
 * there with words the user can act on instead of looping.
 */
const translateAuthFailure = (z: ZObject, bundle: Bundle, api: ApiName, error: unknown): unknown => {
  if (!isRefreshAuthError(error)) return error;
  if (api === 'oncehub') return new z.errors.ExpiredAuthError(oncehubKeyRejectedMessage());
  const issuedAt = Number(bundle.authData?.issued_at);
  if (Number.isFinite(issuedAt) && issuedAt > 0 && Date.now() - issuedAt < FRESH_TOKEN_MS) {
    return new z.errors.ExpiredAuthError(FRESH_TOKEN_REJECTED[api]);
  }
  return error;
};

/**
 * Zapier stops a step after a few dozen seconds; giving up on a provider first leaves time to
 * tell the user what happened instead of a platform timeout. `PROVIDER_TIMEOUT_MS` overrides it,
 * read on every call, so the timeout path can be exercised without waiting 25 seconds.
 */
export const REQUEST_TIMEOUT_MS = 25_000;
const NETWORK_RETRY_SECONDS = 60;

export const requestTimeoutMs = (): number => {
  const override = Number(process.env.PROVIDER_TIMEOUT_MS);
  return Number.isInteger(override) && override > 0 ? override : REQUEST_TIMEOUT_MS;
};

const SERVICE: Record<ApiName, string> = { keap: 'Keap', salesforce: 'Salesforce', oncehub: 'OnceHub' };

/** node-fetch's failures before any response: timeouts, refused or reset connections, DNS. */
const networkFailure = (z: ZObject, api: ApiName, error: unknown): unknown => {
  if (!(error instanceof Error) || error.name !== 'FetchError') return error;
  const timedOut = (error as Error & { type?: string }).type === 'request-timeout';
  const seconds = requestTimeoutMs() / 1000;
  return new z.errors.ThrottledError(
    timedOut
      ? `${SERVICE[api]} did not answer within ${seconds} second${seconds === 1 ? '' : 's'}. Zapier will retry this step automatically.`
      : `Could not reach ${SERVICE[api]} (the connection failed before it answered). Zapier will retry this step automatically.`,
    NETWORK_RETRY_SECONDS,
  );
};

export type ApiRequest = HttpRequestOptions & { url: string };

export const callApi = async <T = unknown>(
  z: ZObject,
  bundle: Bundle,
  api: ApiName,
  request: ApiRequest,
): Promise<HttpResponse<T>> => {
  try {
    return (await z.request({
      timeout: requestTimeoutMs(),
      ...request,
      middlewareData: { ...request.middlewareData, api },
    })) as HttpResponse<T>;
  } catch (error) {
    throw networkFailure(z, api, translateAuthFailure(z, bundle, api, error));
  }
};
