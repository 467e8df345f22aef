import { oncehubApiBase } from './config';
import { originsOf, type ApiRoute } from '../http/api';
import { ONCEHUB_KEY_HELP, oncehubKeyRejectedMessage, throwForOnceHubError } from './errors';

/** Where OnceHub calls go and how they are signed and judged: an API key, never refreshed. */
export const ONCEHUB_API: ApiRoute = {
  name: 'oncehub',
  service: 'OnceHub',
  baseUrl: () => oncehubApiBase(),
  trustedOrigins: () => originsOf(oncehubApiBase()),
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
  refusedAfterRefresh: () => oncehubKeyRejectedMessage(),
};
