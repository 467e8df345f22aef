import type { Bundle, ZObject } from 'zapier-platform-core';
import { SALESFORCE_SCOPES, salesforceClient, salesforceUrls } from './config';
import { callApi } from '../../http/api';
import { SALESFORCE_API } from './client';
import { requestToken, type OAuthInputData } from '../../http/oauth';
import type { CrmConnection } from '../types';
import { named } from '../../input';

const SALESFORCE_ENVIRONMENTS = {
  production: 'Production (login.salesforce.com)',
  sandbox: 'Sandbox (test.salesforce.com)',
  my_domain: 'My Domain (your org’s own login host)',
} as const;
export type SalesforceEnvironment = keyof typeof SALESFORCE_ENVIRONMENTS;

const MY_DOMAIN_FIELD = {
  key: 'salesforce_domain',
  label: 'Salesforce My Domain',
  required: false,
  placeholder: 'acme.my.salesforce.com',
  helpText:
    'Salesforce with My Domain only: your login host, for example acme.my.salesforce.com. Find it in Salesforce under Setup → My Domain ([about My Domain](https://help.salesforce.com/s/articleView?id=sf.domain_name_overview.htm)).',
};

const MY_DOMAIN_HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9-]+)*\.my\.salesforce\.(com|mil)$/;

/**
 * Accepts what people paste from their browser (`https://acme.my.salesforce.com/`,
 * `acme.lightning.force.com`) and returns the My Domain login host, or undefined.
 */
export const normalizeMyDomain = (input: string | undefined): string | undefined => {
  const host = (input ?? '')
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/\.lightning\.force\.com$/, '.my.salesforce.com');
  return MY_DOMAIN_HOST.test(host) ? host : undefined;
};

const environmentOf = (data: Partial<Record<string, string>>): SalesforceEnvironment => {
  const value = data.salesforce_environment;
  return value === 'sandbox' || value === 'my_domain' ? value : 'production';
};

/** The login host for the chosen environment; a bad My Domain is a field error, not a broken URL. */
export const salesforceLoginUrl = (z: ZObject, data: Partial<Record<string, string>>): string => {
  const environment = environmentOf(data);
  if (environment === 'sandbox') return salesforceUrls.sandboxLogin();
  if (environment === 'production') return salesforceUrls.productionLogin();
  const host = normalizeMyDomain(data.salesforce_domain);
  if (!host) {
    const got = data.salesforce_domain?.trim() ? `"${data.salesforce_domain.trim()}"` : 'nothing';
    throw new z.errors.Error(
      `${named(MY_DOMAIN_FIELD)} must be your org's My Domain host, such as acme.my.salesforce.com ` +
        `or acme--uat.sandbox.my.salesforce.com; got ${got}. Find it in Salesforce Setup → My Domain.`,
      'InvalidMyDomain',
      400,
    );
  }
  return `https://${host}`;
};

type SalesforceToken = {
  access_token: string;
  refresh_token?: string;
  instance_url?: string;
  id?: string;
  issued_at?: string;
};

const tokenFields = (token: SalesforceToken, previous: Record<string, string> = {}) => ({
  access_token: token.access_token,
  // Without Refresh Token Rotation Salesforce returns no new refresh token: keep the old one.
  refresh_token: token.refresh_token ?? previous.refresh_token ?? '',
  // The org can move (instance refresh, My Domain change): always take the returned instance.
  instance_url: token.instance_url ?? previous.instance_url ?? '',
  id: token.id ?? previous.id ?? '',
  issued_at: token.issued_at ?? String(Date.now()),
});

const authorizeUrl = (z: ZObject, bundle: Bundle<OAuthInputData>): string => {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: salesforceClient().clientId,
    redirect_uri: bundle.inputData.redirect_uri,
    scope: SALESFORCE_SCOPES,
    state: bundle.inputData.state,
  });
  if (bundle.inputData.code_challenge) {
    params.set('code_challenge', bundle.inputData.code_challenge);
    params.set('code_challenge_method', 'S256');
  }
  return `${salesforceLoginUrl(z, bundle.inputData)}/services/oauth2/authorize?${params}`;
};

const getAccessToken = async (z: ZObject, bundle: Bundle<OAuthInputData>) => {
  const loginUrl = salesforceLoginUrl(z, bundle.inputData);
  const { clientId, clientSecret } = salesforceClient();
  const token = await requestToken<SalesforceToken>(z, {
    service: 'Salesforce',
    url: `${loginUrl}/services/oauth2/token`,
    grant: 'authorization_code',
    form: {
      grant_type: 'authorization_code',
      code: bundle.inputData.code,
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uri: bundle.inputData.redirect_uri,
      code_verifier: bundle.inputData.code_verifier,
    },
  });
  return {
    ...tokenFields(token),
    salesforce_environment: environmentOf(bundle.inputData),
    salesforce_domain: normalizeMyDomain(bundle.inputData.salesforce_domain) ?? '',
    login_url: loginUrl,
  };
};

const refreshAccessToken = async (z: ZObject, bundle: Bundle) => {
  const { clientId, clientSecret } = salesforceClient();
  const loginUrl = bundle.authData.login_url || salesforceLoginUrl(z, bundle.authData);
  const token = await requestToken<SalesforceToken>(z, {
    service: 'Salesforce',
    url: `${loginUrl}/services/oauth2/token`,
    grant: 'refresh_token',
    form: {
      grant_type: 'refresh_token',
      refresh_token: bundle.authData.refresh_token,
      client_id: clientId,
      client_secret: clientSecret,
    },
  });
  return tokenFields(token, bundle.authData);
};

type SalesforceIdentity = { username?: string; email?: string; display_name?: string; organization_id?: string };
type OrganizationQuery = { records?: Array<{ Name?: string }> };

/** The org's name for the label; a user who may not read Organization still connects. */
const organizationName = async (z: ZObject, bundle: Bundle): Promise<string | undefined> => {
  try {
    const { data } = await callApi<OrganizationQuery>(z, bundle, SALESFORCE_API, {
      url: '/query',
      params: { q: 'SELECT Name FROM Organization LIMIT 1' },
    });
    return data?.records?.[0]?.Name;
  } catch (error) {
    if (error instanceof Error && error.name === 'AppError') return undefined;
    throw error;
  }
};

const isSandboxConnection = (authData: Record<string, string>) =>
  authData.salesforce_environment === 'sandbox' || /\.sandbox\.my\.salesforce\.com$/.test(authData.salesforce_domain ?? '');

const identity = async (z: ZObject, bundle: Bundle) => {
  if (!bundle.authData.id || !bundle.authData.instance_url) {
    throw new z.errors.ExpiredAuthError('This Salesforce connection is missing its org details. Reconnect your Salesforce account.');
  }
  const { data: identity } = await callApi<SalesforceIdentity>(z, bundle, SALESFORCE_API, { url: bundle.authData.id });
  return {
    account: (await organizationName(z, bundle)) || identity?.organization_id || '',
    user_email: identity?.email ?? identity?.username ?? '',
    user_name: identity?.display_name ?? '',
    environment: isSandboxConnection(bundle.authData) ? 'Sandbox' : '',
  };
};

export const salesforceConnection: CrmConnection = {
  fields: [
    {
      key: 'salesforce_environment',
      label: 'Salesforce Environment',
      required: false,
      default: 'production',
      choices: { ...SALESFORCE_ENVIRONMENTS },
      helpText:
        'Salesforce only. Choose Sandbox for a sandbox org, or My Domain when your org blocks the standard login hosts.',
    },
    MY_DOMAIN_FIELD,
  ],
  authorizeUrl,
  getAccessToken,
  refreshAccessToken,
  identity,
};
