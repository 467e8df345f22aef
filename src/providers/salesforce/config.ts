import { oauthClient, setting } from '../../config';

/** Salesforce REST API version, pinned once for every Salesforce call (Winter '25). */
export const SALESFORCE_API_VERSION = 'v62.0';

/** The OAuth scopes Salesforce needs to issue a refresh token (`full` alone does not). */
export const SALESFORCE_SCOPES = 'api refresh_token offline_access id';

export const salesforceUrls = {
  productionLogin: () => setting('SALESFORCE_LOGIN_URL', 'https://login.salesforce.com'),
  sandboxLogin: () => setting('SALESFORCE_SANDBOX_LOGIN_URL', 'https://test.salesforce.com'),
};

export const salesforceClient = () => oauthClient('SALESFORCE');
