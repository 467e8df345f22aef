import type { Bundle, ZObject } from 'zapier-platform-core';
import { KEAP_SCOPE, keapClient, keapUrls } from './config';
import { callApi } from '../../http/api';
import { KEAP_API } from './client';
import { requestToken, type OAuthInputData } from '../../http/oauth';
import type { CrmConnection } from '../types';

type KeapToken = { access_token: string; refresh_token?: string; expires_in?: number; scope?: string };

/** Keap puts the tenant in the scope: `full|cb262.infusionsoft.com` → `cb262`. */
export const appNameFromScope = (scope: string | undefined): string =>
  scope?.split('|')[1]?.split('.')[0]?.trim() ?? '';

const tokenFields = (token: KeapToken, previous: Record<string, string> = {}) => ({
  access_token: token.access_token,
  // Keap rotates refresh tokens on every use; the old one is dead once this one exists.
  refresh_token: token.refresh_token ?? previous.refresh_token ?? '',
  expires_in: String(token.expires_in ?? ''),
  scope: token.scope ?? previous.scope ?? '',
  app_name: appNameFromScope(token.scope) || previous.app_name || '',
  issued_at: String(Date.now()),
});

const authorizeUrl = (_z: ZObject, bundle: Bundle<OAuthInputData>): string => {
  const params = new URLSearchParams({
    client_id: keapClient().clientId,
    redirect_uri: bundle.inputData.redirect_uri,
    response_type: 'code',
    scope: KEAP_SCOPE,
    state: bundle.inputData.state,
  });
  return `${keapUrls.authBase()}/app/oauth/authorize?${params}`;
};

const getAccessToken = async (z: ZObject, bundle: Bundle<OAuthInputData>) => {
  const { clientId, clientSecret } = keapClient();
  const token = await requestToken<KeapToken>(z, {
    service: 'Keap',
    url: keapUrls.tokenUrl(),
    grant: 'authorization_code',
    form: {
      client_id: clientId,
      client_secret: clientSecret,
      code: bundle.inputData.code,
      grant_type: 'authorization_code',
      redirect_uri: bundle.inputData.redirect_uri,
      code_verifier: bundle.inputData.code_verifier,
    },
  });
  return tokenFields(token);
};

const refreshAccessToken = async (z: ZObject, bundle: Bundle) => {
  const { clientId, clientSecret } = keapClient();
  const token = await requestToken<KeapToken>(z, {
    service: 'Keap',
    url: keapUrls.tokenUrl(),
    grant: 'refresh_token',
    headers: { Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
    form: { grant_type: 'refresh_token', refresh_token: bundle.authData.refresh_token },
  });
  return tokenFields(token, bundle.authData);
};

type KeapUserInfo = { email?: string; given_name?: string; family_name?: string; preferred_name?: string };

const identity = async (z: ZObject, bundle: Bundle) => {
  const { data } = await callApi<KeapUserInfo>(z, bundle, KEAP_API, { url: '/v2/oauth/connect/userinfo' });
  return {
    account: bundle.authData.app_name || '',
    user_email: data?.email ?? '',
    user_name: [data?.given_name, data?.family_name].filter(Boolean).join(' '),
    environment: '',
  };
};

/** Keap needs no connect-time fields: its tenant comes back in the token's scope. */
export const keapConnection: CrmConnection = { fields: [], authorizeUrl, getAccessToken, refreshAccessToken, identity };
