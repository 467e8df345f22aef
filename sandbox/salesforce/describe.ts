import type { FieldDef, ObjectDef } from './schema';

/** Describe output in the shape jsforce types it (salesforce.md §2.8), built from the live schema. */

const SOAP_TYPES: Record<string, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
};

const describeField = (f: FieldDef) => ({
  aggregatable: f.filterable,
  autoNumber: f.autoNumber,
  byteLength: f.length * 3,
  calculated: f.calculated,
  calculatedFormula: null,
  cascadeDelete: false,
  caseSensitive: false,
  compoundFieldName: null,
  controllerName: f.controllerName,
  createable: f.createable,
  custom: f.custom,
  defaultValue: f.type === 'boolean' ? false : (f.picklistValues.find((p) => p.defaultValue)?.value ?? null),
  defaultValueFormula: null,
  defaultedOnCreate: f.defaultedOnCreate,
  dependentPicklist: f.dependentPicklist,
  deprecatedAndHidden: false,
  digits: 0,
  displayLocationInDecimal: false,
  encrypted: false,
  externalId: f.externalId,
  extraTypeInfo: null,
  filterable: f.filterable,
  filteredLookupInfo: null,
  groupable: f.filterable && f.type !== 'datetime',
  highScaleNumber: false,
  htmlFormatted: false,
  idLookup: f.idLookup,
  inlineHelpText: null,
  label: f.label,
  length: f.length,
  mask: null,
  maskType: null,
  name: f.name,
  nameField: f.name === 'Name',
  namePointing: f.referenceTo.length > 1,
  nillable: f.nillable,
  permissionable: f.custom || (f.nillable && f.createable),
  picklistValues: f.picklistValues,
  polymorphicForeignKey: f.referenceTo.length > 1,
  precision: 0,
  queryByDistance: false,
  referenceTargetField: null,
  referenceTo: f.referenceTo,
  relationshipName: f.relationshipName,
  relationshipOrder: null,
  restrictedDelete: false,
  restrictedPicklist: f.restrictedPicklist,
  scale: 0,
  soapType: SOAP_TYPES[f.type] ?? 'xsd:string',
  sortable: f.filterable,
  type: f.type,
  unique: f.unique,
  updateable: f.updateable,
  writeRequiresMasterRead: false,
});

const urls = (name: string) => {
  const base = `/services/data/v62.0/sobjects/${name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
};

export const describeGlobalEntry = (o: ObjectDef) => ({
  name: o.name,
  label: o.label,
  labelPlural: o.labelPlural,
  keyPrefix: o.keyPrefix,
  custom: false,
  createable: o.createable,
  updateable: o.updateable,
  deletable: true,
  queryable: true,
  searchable: true,
  urls: urls(o.name),
});

export const describeObject = (o: ObjectDef) => ({
  ...describeGlobalEntry(o),
  fields: o.fields.map(describeField),
  recordTypeInfos: o.recordTypes.map(({ name, developerName, recordTypeId, master, defaultRecordTypeMapping }) => ({
    name,
    developerName,
    recordTypeId,
    master,
    defaultRecordTypeMapping,
    active: true,
    available: true,
    urls: { layout: `/services/data/v62.0/sobjects/${o.name}/describe/layouts/${recordTypeId}` },
  })),
  childRelationships: [],
});
