import { json, type Router } from '../http';
import { sfError } from './org';
import { objectOr404 } from './rest';
import type { FieldDef, ObjectDef } from './schema';
import type { SfContext } from './context';

/**
 * The UI API's picklist values per record type (UI API Developer Guide, "Get Values for All
 * Picklist Fields of a Record Type", v42+): only the active values the record type offers, each
 * `{attributes, label, validFor, value}`, and its default. Activities are not UI API objects; the
 * sandbox refuses them so the connector's fall back to describe is exercised.
 */
const NOT_IN_UI_API = new Set(['Event', 'Task']);

const entry = (value: { value: string; label: string }) => ({ attributes: null, label: value.label, validFor: [], value: value.value });

const fieldValues = (object: ObjectDef, field: FieldDef, offered: string[] | undefined, recordTypeId: string) => {
  const values = field.picklistValues.filter((p) => p.active && (!offered || offered.includes(p.value)));
  const fallback = field.picklistValues.find((p) => p.defaultValue && values.includes(p));
  return {
    controllerValues: {},
    defaultValue: fallback ? entry(fallback) : null,
    eTag: `${object.name}.${field.name}.${recordTypeId}`,
    url: `/services/data/v62.0/ui-api/object-info/${object.name}/picklist-values/${recordTypeId}/${field.name}`,
    values: values.map(entry),
  };
};

export const registerUiApi = (router: Router<SfContext>): void => {
  router.on('GET', '/ui-api/object-info/:object/picklist-values/:recordTypeId', (_req, { object = '', recordTypeId = '' }, { org }) => {
    const def = objectOr404(org, object);
    if (NOT_IN_UI_API.has(def.name)) sfError(400, 'INVALID_TYPE', `Object ${def.name} is not supported in UI API`);
    const type = def.recordTypes.find((rt) => rt.recordTypeId === recordTypeId || rt.recordTypeId.slice(0, 15) === recordTypeId);
    if (!type) sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const picklists = def.fields.filter((f) => f.type === 'picklist' || f.type === 'multipicklist');
    return json(200, {
      eTag: `${def.name}.${type!.recordTypeId}`,
      picklistFieldValues: Object.fromEntries(picklists.map((f) => [f.name, fieldValues(def, f, type!.picklists?.[f.name], type!.recordTypeId)])),
    });
  });
};
