import { oauthClient, setting } from '../../config';

/** Keap's one OAuth scope. REST v1 and v2 are both current; each call names its version in its path (docs/keap.md says which and why). */
export const KEAP_SCOPE = 'full';

export const keapUrls = {
  /** Keap REST root; `/v1/...` and `/v2/...` are appended. */
  apiBase: () => setting('KEAP_API_BASE_URL', 'https://api.infusionsoft.com/crm/rest'),
  /** OAuth authorize host. */
  authBase: () => setting('KEAP_AUTH_BASE_URL', 'https://accounts.infusionsoft.com'),
  tokenUrl: () => setting('KEAP_TOKEN_URL', 'https://api.infusionsoft.com/token'),
  /** Keap web app, where a person opens a record: https://<app>.infusionsoft.com */
  webAppBase: (appName: string) => setting('KEAP_WEB_APP_URL', `https://${appName || 'app'}.infusionsoft.com`),
};

export const keapClient = () => oauthClient('KEAP');
