import type {
  AfterResponseMiddleware,
  BeforeRequestMiddleware,
  Bundle,
  HttpRequestOptions,
  HttpResponse,
  ZObject,
} from 'zapier-platform-core';

/**
 * Every call to a provider API goes through here: `callApi(z, bundle, KEAP_API, {url: '/v2/contacts'})`.
 * Each provider folder declares its route (base URL, trusted origins, credentials, error mapper);
 * the route's name travels in `middlewareData`, so one before-middleware resolves the base URL and
 * attaches credentials, and one after-middleware hands failures to that route's error mapper.
 * This module imports no provider: a route is known here once a call has used it.
 */
export type ApiRoute = {
  /** Unique tag carried on each request, such as `keap`. */
  name: string;
  /** The service's name in messages the user sees. */
  service: string;
  baseUrl: (bundle: Bundle) => string;
  /** Origins this connection's credentials may be sent to; nothing else ever sees them. */
  trustedOrigins: (bundle: Bundle) => string[];
  credentials: (z: ZObject, bundle: Bundle) => Record<string, string>;
  mapErrors: (z: ZObject, response: HttpResponse) => HttpResponse;
  /**
   * The platform answers every 401 with a token refresh. When a refresh cannot help (a token
   * issued moments ago, or a key that is not OAuth at all), the words to stop with instead.
   */
  refusedAfterRefresh?: (bundle: Bundle) => string | undefined;
};

export const originOf = (url: string | undefined): string | undefined => {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
};

/** The origins of these URLs, skipping any that are empty or not URLs. */
export const originsOf = (...urls: Array<string | undefined>): string[] =>
  urls.map(originOf).filter((origin): origin is string => Boolean(origin));

/** OAuth bearer credentials, or a reconnect request when the connection has no token. */
export const bearer = (z: ZObject, bundle: Bundle, service: string): Record<string, string> => {
  const token = bundle.authData?.access_token;
  if (!token) {
    throw new z.errors.ExpiredAuthError(`This ${service} connection has no access token. Reconnect your ${service} account.`);
  }
  return { Authorization: `Bearer ${token}` };
};

/** How recently a token must have been issued for a 401 to mean "refreshing will not help". */
export const FRESH_TOKEN_MS = 5 * 60 * 1000;

/** For OAuth routes: `message` when the refused token was issued less than FRESH_TOKEN_MS ago. */
export const whenTokenIsFresh = (message: string) => (bundle: Bundle): string | undefined => {
  const issuedAt = Number(bundle.authData?.issued_at);
  return Number.isFinite(issuedAt) && issuedAt > 0 && Date.now() - issuedAt < FRESH_TOKEN_MS ? message : undefined;
};

const ROUTES = new Map<string, ApiRoute>();

const known = (route: ApiRoute): ApiRoute => {
  const existing = ROUTES.get(route.name);
  if (existing && existing !== route) throw new Error(`Two API routes are named "${route.name}"; each provider needs its own name.`);
  ROUTES.set(route.name, route);
  return route;
};

const routeOf = (request: HttpRequestOptions | undefined): ApiRoute | undefined => {
  const name = request?.middlewareData?.api;
  return typeof name === 'string' ? ROUTES.get(name) : undefined;
};

export const routeApiRequest: BeforeRequestMiddleware = (request, z, bundle) => {
  const route = routeOf(request);
  if (!route) return request;
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
  const route = routeOf(response.request);
  return route ? route.mapErrors(z, response) : response;
};

const isRefreshAuthError = (error: unknown): boolean => error instanceof Error && error.name === 'RefreshAuthError';

/**
 * The platform turns every 401 into a refresh before app middleware runs. That is right for
 * an expired token, but a token issued moments ago that is already refused will be refused
 * again after any number of refreshes, and a OnceHub key cannot be refreshed at all: stop
 * there with words the user can act on instead of looping.
 */
const translateAuthFailure = (z: ZObject, bundle: Bundle, route: ApiRoute, error: unknown): unknown => {
  if (!isRefreshAuthError(error)) return error;
  const message = route.refusedAfterRefresh?.(bundle);
  return message ? new z.errors.ExpiredAuthError(message) : error;
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

/** node-fetch's failures before any response: timeouts, refused or reset connections, DNS. */
const networkFailure = (z: ZObject, route: ApiRoute, error: unknown): unknown => {
  if (!(error instanceof Error) || error.name !== 'FetchError') return error;
  const timedOut = (error as Error & { type?: string }).type === 'request-timeout';
  const seconds = requestTimeoutMs() / 1000;
  return new z.errors.ThrottledError(
    timedOut
      ? `${route.service} did not answer within ${seconds} second${seconds === 1 ? '' : 's'}. Zapier will retry this step automatically.`
      : `Could not reach ${route.service} (the connection failed before it answered). Zapier will retry this step automatically.`,
    NETWORK_RETRY_SECONDS,
  );
};

export type ApiRequest = HttpRequestOptions & { url: string };

export const callApi = async <T = unknown>(
  z: ZObject,
  bundle: Bundle,
  route: ApiRoute,
  request: ApiRequest,
): Promise<HttpResponse<T>> => {
  known(route);
  try {
    return (await z.request({
      timeout: requestTimeoutMs(),
      ...request,
      middlewareData: { ...request.middlewareData, api: route.name },
    })) as HttpResponse<T>;
  } catch (error) {
    throw networkFailure(z, route, translateAuthFailure(z, bundle, route, error));
  }
};
