import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import type { OAuthInputData } from './src/http/oauth';
import { oncehubAccount } from './src/oncehub/account';
import { crmChoices, crmChoicesText, providerFor, providerNamed } from './src/providers';
import { CRM_PROVIDERS } from './src/providers/registry';

/**
 * One OAuth2 definition serves every CRM in the registry: a Zapier app has a single
 * `authentication`, so the user picks the CRM when connecting (two connections for someone who
 * uses both) and each step asks the chosen CRM's folder for its OAuth steps. Connect-time fields
 * arrive in `bundle.inputData`; getAccessToken returns them so they persist in `authData`.
 */

const chosenProvider = (z: ZObject, bundle: Bundle<OAuthInputData>) => {
  const provider = providerNamed(bundle.inputData?.crm);
  if (!provider) throw new z.errors.Error(`Choose the CRM to connect (crm): ${crmChoicesText()}.`, 'InvalidCrm', 400);
  return provider;
};

const connectFields = (bundle: Bundle<OAuthInputData>) => ({
  crm: bundle.inputData.crm ?? '',
  oncehub_api_key: (bundle.inputData.oncehub_api_key ?? '').trim(),
});

const test = async (z: ZObject, bundle: Bundle) => {
  const provider = providerFor(z, bundle);
  const who = await provider.connection.identity(z, bundle);
  const oncehub_account = bundle.authData.oncehub_api_key ? await oncehubAccount(z, bundle) : '';
  const crmLabel = who.environment ? `${provider.label} (${who.environment})` : provider.label;
  return {
    crm: provider.crm,
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
      choices: crmChoices(),
      helpText: 'The CRM this connection writes to. To use more than one CRM, add one connection for each.',
    },
    ...CRM_PROVIDERS.flatMap((provider) => provider.connection.fields),
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
      return chosenProvider(z, flow).connection.authorizeUrl(z, flow);
    },
    getAccessToken: async (z: ZObject, bundle: Bundle) => {
      const flow = bundle as Bundle<OAuthInputData>;
      return { ...(await chosenProvider(z, flow).connection.getAccessToken(z, flow)), ...connectFields(flow) };
    },
    // Returns the whole connection so nothing but the tokens changes, whatever the platform merges.
    refreshAccessToken: async (z: ZObject, bundle: Bundle) => ({
      ...bundle.authData,
      ...(await providerFor(z, bundle).connection.refreshAccessToken(z, bundle)),
    }),
    autoRefresh: true,
    enablePkce: true,
  },
  test,
  connectionLabel: '{{connection_label}}',
} satisfies Authentication;
