import type { Bundle, ZObject } from 'zapier-platform-core';
import { stepInput } from '../input';
import type { ContactRecord } from '../model';
import { CRM_PROVIDERS } from './registry';
import type { Context, CrmProvider, InputField, OperationKey } from './types';

/** The CRM stored under `crm` (`authData.crm`, or the connect form's choice), if it is one the connector speaks. */
export const providerNamed = (crm: unknown): CrmProvider | undefined => CRM_PROVIDERS.find((provider) => provider.crm === crm);

/** "Keap or Salesforce": the CRMs a person can choose, for messages. */
export const crmChoicesText = (): string => {
  const labels = CRM_PROVIDERS.map((provider) => provider.label);
  return labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}` : labels.join('');
};

/** The connection form's CRM choices, by the value stored in `authData.crm`. */
export const crmChoices = (): Record<string, string> => Object.fromEntries(CRM_PROVIDERS.map((provider) => [provider.crm, provider.label]));

export const providerFor = (z: ZObject, bundle: Bundle): CrmProvider => {
  const provider = providerNamed(bundle.authData?.crm);
  if (!provider) {
    throw new z.errors.Error(`This connection does not say which CRM it is for. Reconnect and choose ${crmChoicesText()}.`, 'UnknownCrm', 400);
  }
  return provider;
};

/** What a provider call gets: the step's input parsed through `ctx.input`, and a bundle without it. */
export const contextFor = (z: ZObject, bundle: Bundle): Context => ({
  z,
  bundle: { ...bundle, inputData: {}, inputDataRaw: {} },
  input: stepInput(z, bundle.inputData),
});

/** The contacts as a step outputs them: with the CRM's names beside their IDs. */
export const namedContacts = async (provider: CrmProvider, ctx: Context, contacts: ContactRecord[]): Promise<ContactRecord[]> =>
  provider.addNames && contacts.length ? provider.addNames(ctx, contacts) : contacts;

/**
 * The CRM's own fields for an operation's form, labelled so that no two fields on the form share
 * a label: an org's custom "Region" beside the standard Region reads "Region (Salesforce Field)",
 * and a second field with the same label also names its key.
 */
type Labelled = ReadonlyArray<{ label?: string }>;

const labelledApart = (provider: CrmProvider, fields: InputField[], others: Labelled): InputField[] => {
  const taken = new Set(others.flatMap((field) => (field.label ? [field.label.toLowerCase()] : [])));
  return fields.map((field) => {
    if (!field.label) return field;
    let label = taken.has(field.label.toLowerCase()) ? `${field.label} (${provider.label} Field)` : field.label;
    if (taken.has(label.toLowerCase())) label = `${field.label} (${field.key})`;
    taken.add(label.toLowerCase());
    return label === field.label ? field : { ...field, label };
  });
};

/**
 * The CRM's fields for the top of an operation's form: those that change the rest of it (an
 * object chooser, a record type), then the CRM's required fields, so required fields come first.
 */
export const crmLeadingInputFields = async (z: ZObject, bundle: Bundle, operation: OperationKey, formFields: Labelled): Promise<InputField[]> => {
  const provider = providerFor(z, bundle);
  return labelledApart(provider, (await provider.leadingInputFields?.(contextFor(z, bundle), operation)) ?? [], formFields);
};

export const crmInputFields = async (z: ZObject, bundle: Bundle, operation: OperationKey, formFields: Labelled): Promise<InputField[]> => {
  const provider = providerFor(z, bundle);
  const leading = await crmLeadingInputFields(z, bundle, operation, formFields);
  return labelledApart(provider, await provider.inputFields(contextFor(z, bundle), operation), [...formFields, ...leading]);
};
