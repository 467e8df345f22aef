import type { Bundle, ZObject } from 'zapier-platform-core';
import { CRM_LABELS, crmSchema, type CrmName } from '../model';
import { keapProvider } from './keap';
import { salesforceProvider } from './salesforce';
import type { CrmProvider } from './types';

const PROVIDERS: Record<CrmName, CrmProvider> = {
  keap: keapProvider,
  salesforce: salesforceProvider,
};

export const crmOf = (z: ZObject, bundle: Bundle): CrmName => {
  const parsed = crmSchema.safeParse(bundle.authData?.crm);
  if (!parsed.success) {
    throw new z.errors.Error(
      `This connection does not say which CRM it is for. Reconnect and choose ${Object.values(CRM_LABELS).join(' or ')}.`,
      'UnknownCrm',
      400,
    );
  }
  return parsed.data;
};

export const providerFor = (z: ZObject, bundle: Bundle): CrmProvider => PROVIDERS[crmOf(z, bundle)];
