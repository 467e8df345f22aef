import { keapProvider } from './keap';
import { salesforceProvider } from './salesforce';
import type { CrmProvider } from './types';

/** Every CRM the connector speaks, in the order the connection form offers them. Adding a CRM is its folder and one line here. */
export const CRM_PROVIDERS: readonly CrmProvider[] = [keapProvider, salesforceProvider];
