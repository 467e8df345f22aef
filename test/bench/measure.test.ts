import { isDescribe } from '../../bench/measure';

describe('isDescribe', () => {
  it('counts the metadata the app caches: Salesforce describes, Keap contact model, settings and locales', () => {
    const metadata = [
      { provider: 'salesforce', path: '/salesforce/services/data/v62.0/sobjects/Lead/describe' },
      { provider: 'keap', path: '/keap/crm/rest/v2/contacts/model' },
      { provider: 'keap', path: '/keap/crm/rest/v2/settings/contactOptionTypes' },
      { provider: 'keap', path: '/keap/crm/rest/v2/locales/countries/USA/provinces' },
    ] as const;
    expect(metadata.filter(isDescribe)).toEqual(metadata);
  });

  it('does not count data calls, even on paths that mention describe or settings elsewhere', () => {
    const data = [
      { provider: 'salesforce', path: '/salesforce/services/data/v62.0/composite' },
      { provider: 'salesforce', path: '/salesforce/services/data/v62.0/sobjects/Lead/describe/layouts' },
      { provider: 'keap', path: '/keap/crm/rest/v2/tags' },
      { provider: 'keap', path: '/keap/crm/rest/v2/contacts/107' },
      { provider: 'oncehub', path: '/oncehub/v2/settings/x' },
    ] as const;
    expect(data.filter(isDescribe)).toEqual([]);
  });
});
