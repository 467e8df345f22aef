/**
 * SOQL has no bind parameters over REST, so escaping is the only defence against injection.
 * Values are quoted string literals; field and object names never come from user input
 * without passing `apiName`.
 */

/** Backslash first, so the escapes added afterwards are not escaped again. */
const ESCAPES: Array<[RegExp, string]> = [
  [/\\/g, '\\\\'],
  [/'/g, "\\'"],
  [/"/g, '\\"'],
  [/\n/g, '\\n'],
  [/\r/g, '\\r'],
  [/\t/g, '\\t'],
  [/\u0008/g, '\\b'],
  [/\f/g, '\\f'],
];

export const escapeSoqlString = (value: string): string =>
  ESCAPES.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), value);

/** A quoted SOQL string literal. `%` and `_` stay literal: they are wildcards only in LIKE, which is never used. */
export const soqlLiteral = (value: string): string => `'${escapeSoqlString(value)}'`;

export const soqlList = (values: string[]): string => `(${values.map(soqlLiteral).join(', ')})`;

const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export const isApiName = (name: string): boolean => API_NAME.test(name);

/** Field and object names come from describe; this guards against anything else slipping into a query. */
export const apiName = (name: string): string => {
  if (!isApiName(name)) throw new Error(`Not a Salesforce API name: ${JSON.stringify(name)}`);
  return name;
};

/** Fields to select; a parent field such as `Owner.Name` is checked part by part. */
export const selectList = (fields: string[]): string => [...new Set(fields)].map((path) => path.split('.').map(apiName).join('.')).join(', ');
