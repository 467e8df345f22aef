import path from 'node:path';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/**
 * Validates request bodies against Keap's official v2 OpenAPI spec. The whole spec is added
 * as one schema with an `$id`, so `#/components/schemas/...` references resolve inside it.
 */
// The official document, kept in the repository (specs/, MIT, with its licence) so a clone on its own can test.
export const KEAP_V2_SPEC_PATH = process.env.KEAP_V2_SPEC ?? path.resolve(__dirname, '../../specs/keap-v2.openapi.yml');
const SPEC_ID = 'https://keap.example/v2-openapi.json';

let ajv: Ajv2020 | undefined;

const load = (): Ajv2020 => {
  if (ajv) return ajv;
  const spec = parse(readFileSync(KEAP_V2_SPEC_PATH, 'utf8')) as Record<string, unknown>;
  // The spec writes examples and a few enums loosely (integer enums as strings); they are not checked.
  ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema({ ...spec, $id: SPEC_ID });
  return ajv;
};

/** Errors (empty when valid) for `body` against `components.schemas.<name>`, extra properties refused. */
export const keapV2Errors = (name: string, body: unknown): string[] => {
  const validator = load();
  const validate = validator.getSchema(`${SPEC_ID}#/components/schemas/${name}`);
  if (!validate) throw new Error(`no schema ${name} in the Keap v2 spec`);
  const errors: string[] = [];
  if (!validate(body)) errors.push(...(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`));
  errors.push(...unknownProperties(validator, name, body));
  return errors;
};

/** The spec's schemas allow any extra property; a misspelt key must still fail the test. */
const unknownProperties = (validator: Ajv2020, name: string, body: unknown, path = ''): string[] => {
  const schema = validator.getSchema(`${SPEC_ID}#/components/schemas/${name}`)?.schema as
    | { properties?: Record<string, { $ref?: string; items?: { $ref?: string } }> }
    | undefined;
  if (!schema?.properties || !body || typeof body !== 'object' || Array.isArray(body)) return [];
  return Object.entries(body as Record<string, unknown>).flatMap(([key, value]) => {
    const property = schema.properties![key];
    if (!property) return [`${path}/${key} is not a property of ${name}`];
    const ref = property.$ref ?? property.items?.$ref;
    const child = ref?.startsWith('#/components/schemas/') ? ref.slice('#/components/schemas/'.length) : undefined;
    if (!child) return [];
    const values = Array.isArray(value) ? value : [value];
    return values.flatMap((item, i) => unknownProperties(validator, child, item, `${path}/${key}${Array.isArray(value) ? `/${i}` : ''}`));
  });
};

/** Jest-friendly: throws with every problem listed. */
export const expectValidKeapV2 = (name: string, body: unknown): void => {
  const errors = keapV2Errors(name, body);
  if (errors.length) throw new Error(`Body does not match Keap v2 ${name}:\n${errors.join('\n')}\n${JSON.stringify(body, null, 2)}`);
};
