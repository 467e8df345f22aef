import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import { CRM_LABELS, type CrmName } from './src/model';
import { crmOf } from './src/providers';
import {
  keapAuthorizeUrl,
  keapGetAccessToken,
  keapIdentity,
  keapRefreshAccessToken,
} from './src/providers/keap/oauth';
import type { OAuthInputData } from './src/http/oauth';
import { oncehubAccount } from './src/oncehub/account';
import {
  SALESFORCE_ENVIRONMENTS,
  salesforceAuthorizeUrl,
  salesforceGetAccessToken,
  salesforceIdentity,
  salesforceRefreshAccessToken,
} from './src/providers/salesforce/oauth';

/**
 * One OAuth2 definition serves both CRMs: a Zapier app has a single `authentication`, so the
 * user picks the CRM when connecting (two connections for someone who uses both). OAuth2
 * connect-time fields arrive in `bundle.inputData`; getAccessToken returns them so they persist
 * in `authData`.
 */

const chosenCrm = (z: ZObject, bundle: Bundle<OAuthInputData>): CrmName => {
  const crm = bundle.inputData?.crm;
  if (crm === 'keap' || crm === 'salesforce') return crm;
  throw new z.errors.Error('Choose the CRM to connect (crm): Keap or Salesforce.', 'InvalidCrm', 400);
};

const connectFields = (bundle: Bundle<OAuthInputData>) => ({
  crm: bundle.inputData.crm,
  oncehub_api_key: (bundle.inputData.oncehub_api_key ?? '').trim(),
});

const identity = { keap: keapIdentity, salesforce: salesforceIdentity };

const test = async (z: ZObject, bundle: Bundle) => {
  const crm = crmOf(z, bundle);
  const who = await identity[crm](z, bundle);
  const oncehub_account = bundle.authData.oncehub_api_key ? await oncehubAccount(z, bundle) : '';
  const crmLabel = who.environment ? `${CRM_LABELS[crm]} (${who.environment})` : CRM_LABELS[crm];
  return {
    crm,
    ...who,
    oncehub_account,
    connection_label: [crmLabel, who.account, who.user_email].filter(Boolean).join(' · '),
  };
};

export default {
  type: 'oauth2',
  fields: [
    {
      key: 'crm',
      label: 'CRM',
      required: true,
      choices: CRM_LABELS,
      helpText: 'The CRM this connection writes to. To use both Keap and Salesforce, add one connection for each.',
    },
    {
      key: 'salesforce_environment',
      label: 'Salesforce Environment',
      required: false,
      default: 'production',
      choices: SALESFORCE_ENVIRONMENTS,
      helpText:
        'Salesforce only. Choose Sandbox for a sandbox org, or My Domain when your org blocks the standard login hosts.',
    },
    {
      key: 'salesforce_domain',
      label: 'Salesforce My Domain',
      required: false,
      placeholder: 'acme.my.salesforce.com',
      helpText:
        'Salesforce with My Domain only: your login host, for example acme.my.salesforce.com. Find it in Salesforce under Setup → My Domain ([about My Domain](https://help.salesforce.com/s/articleView?id=sf.domain_name_overview.htm)).',
    },
    {
      key: 'oncehub_api_key',
      label: 'OnceHub API Key',
      type: 'password',
      required: false,
      helpText:
        'Optional; only the New Booking trigger needs it. Create one in OnceHub under Settings → API & Webhooks (needs a plan with API access; see the [OnceHub developer center](https://developers.oncehub.com/docs/introduction-to-the-scheduleonce-api)).',
    },
  ],
  oauth2Config: {
    authorizeUrl: async (z: ZObject, bundle: Bundle) => {
      const flow = bundle as Bundle<OAuthInputData>;
      return chosenCrm(z, flow) === 'keap' ? keapAuthorizeUrl(flow) : salesforceAuthorizeUrl(z, flow);
    },
    getAccessToken: async (z: ZObject, bundle: Bundle) => {
      const flow = bundle as Bundle<OAuthInputData>;
      const tokens =
        chosenCrm(z, flow) === 'keap' ? await keapGetAccessToken(z, flow) : await salesforceGetAccessToken(z, flow);
      return { ...tokens, ...connectFields(flow) };
    },
    // Returns the whole connection so nothing but the tokens changes, whatever the platform merges.
    refreshAccessToken: async (z: ZObject, bundle: Bundle) => ({
      ...bundle.authData,
      ...(crmOf(z, bundle) === 'keap'
        ? await keapRefreshAccessToken(z, bundle)
        : await salesforceRefreshAccessToken(z, bundle)),
    }),
    autoRefresh: true,
    enablePkce: true,
  },
  test,
  connectionLabel: '{{connection_label}}',
} satisfies Authentication;
