import type { HttpResponse } from 'zapier-platform-core';
import { SALESFORCE_API_VERSION } from './config';
import { bearer, callApi, originsOf, whenTokenIsFresh, type ApiRequest, type ApiRoute } from '../../http/api';
import type { Context } from '../types';
import { throwForSalesforceError } from './errors';

const instanceOf = (authData: Record<string, string> | undefined): string => (authData?.instance_url ?? '').replace(/\/+$/, '');

/** Where Salesforce calls go (the org's own instance, on the pinned API version) and how they are signed and judged. */
export const SALESFORCE_API: ApiRoute = {
  name: 'salesforce',
  service: 'Salesforce',
  baseUrl: (bundle) => `${instanceOf(bundle.authData)}/services/data/${SALESFORCE_API_VERSION}`,
  // The identity URL (`authData.id`) lives on the login host, not the instance.
  trustedOrigins: (bundle) => originsOf(instanceOf(bundle.authData), bundle.authData?.id),
  credentials: (z, bundle) => bearer(z, bundle, 'Salesforce'),
  mapErrors: throwForSalesforceError,
  refusedAfterRefresh: whenTokenIsFresh(
    'Salesforce rejected a session it issued moments ago ("This session is not valid for use with the REST API"). ' +
      'This happens when the org requires a high-assurance session or blocks this connected app. Ask your Salesforce admin ' +
      'to allow API access for the connected app (its OAuth policies and session security level), then reconnect.',
  ),
};

/** Sends one Salesforce request; paths are relative to the pinned REST version. */
export const salesforce = <T = unknown>(ctx: Context, request: ApiRequest): Promise<HttpResponse<T>> =>
  callApi<T>(ctx.z, ctx.bundle, SALESFORCE_API, request);
