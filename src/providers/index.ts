import type { Bundle, ZObject } from 'zapier-platform-core';
import { CRM_LABELS, crmSchema, type CrmName } from '../model';
import { keapProvider } from './keap';
import { salesforceProvider } from './salesforce';
import type { CrmProvider, InputField, OperationKey } from './types';

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

/**
 * The CRM's own fields for an operation's form, labelled so that no two fields on the form share
 * a label: an org's custom "Region" beside the standard Region reads "Region (Salesforce Field)",
 * and a second field with the same label also names its key.
 */
export const crmInputFields = async (z: ZObject, bundle: Bundle, operation: OperationKey, formFields: ReadonlyArray<{ label?: string }>): Promise<InputField[]> => {
  const crm = crmOf(z, bundle);
  const fields = await PROVIDERS[crm].inputFields({ z, bundle }, operation);
  const taken = new Set(formFields.flatMap((field) => (field.label ? [field.label.toLowerCase()] : [])));
  return fields.map((field) => {
    if (!field.label) return field;
    let label = taken.has(field.label.toLowerCase()) ? `${field.label} (${CRM_LABELS[crm]} Field)` : field.label;
    if (taken.has(label.toLowerCase())) label = `${field.label} (${field.key})`;
    taken.add(label.toLowerCase());
    return label === field.label ? field : { ...field, label };
  });
};

/** The CRM's fields that change the rest of an operation's form, for the top of the form. */
export const crmLeadingInputFields = async (z: ZObject, bundle: Bundle, operation: OperationKey): Promise<InputField[]> =>
  (await PROVIDERS[crmOf(z, bundle)].leadingInputFields?.({ z, bundle }, operation)) ?? [];
