import { setting } from '../config';

/** OnceHub public API version. */
export const ONCEHUB_API_VERSION = 'v2';

export const oncehubApiBase = () => setting('ONCEHUB_API_BASE_URL', `https://api.oncehub.com/${ONCEHUB_API_VERSION}`);
