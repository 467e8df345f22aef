import { json, type Router } from '../http';
import { COUNTRIES, REGIONS } from '../locales';
import { fail, pageV1, pageV2, parseFilter, sameText, wildcardMatch, type KeapContext } from './common';
import { ACTIVITY_TYPES, CONTACT_TYPES, type KeapUser } from './store';

/** Read-only account data: identity, business profile, picklist settings, users and locales. */

const list = (values: string[]) => values.join(',');

const CONFIGURATION = {
  application: { time_zone: 'America/New_York', default_view_locale: 'en_US', company: { name: 'Sandbox Co' } },
  appointment: { appointment_types: list(ACTIVITY_TYPES) },
  contact: {
    contact_types: list(CONTACT_TYPES),
    title_types: 'Mr.,Mrs.,Ms.,Dr.',
    suffix_types: 'Jr,Sr,II,III',
    phone_types: 'Work,Home,Mobile,Other',
    fax_types: 'Work,Home,Other',
  },
  note: { appointment_types: list(ACTIVITY_TYPES) },
  task: { appointment_types: list(ACTIVITY_TYPES) },
};

const userV1 = (u: KeapUser) => ({
  id: u.id,
  given_name: u.given_name,
  family_name: u.family_name,
  email_address: u.email,
  preferred_name: u.given_name,
  status: u.status,
  admin: u.admin,
  partner: false,
});

const userV2 = (u: KeapUser) => ({
  id: String(u.id),
  given_name: u.given_name,
  family_name: u.family_name,
  email_addresses: [{ email: u.email, field: 'EMAIL1' }],
  status: u.status.toUpperCase(),
  admin: u.admin,
  partner: false,
  global_user_id: String(9000 + u.id),
  keap_id: u.email,
});

const countryOr404 = (version: 'v1' | 'v2', code: string) => {
  const country = COUNTRIES.find((c) => c.alpha3 === code.toUpperCase() || c.alpha2 === code.toUpperCase());
  if (!country) fail(version, 404, `Country ${code} not found`);
  return country!;
};

export const registerSettings = (router: Router<KeapContext>): void => {
  const me = (ctx: KeapContext) => ctx.store.users[0]!;
  const profile = (ctx: KeapContext) => ({
    name: 'Sandbox Co',
    email: me(ctx).email,
    website: 'https://sandbox.example.com',
    phone: '+1 555 0100',
    address: { line1: '1 Main St', locality: 'Phoenix', region: 'Arizona', country_code: 'USA', zip_code: '85001' },
    time_zone: 'America/New_York',
    logo_url: '',
    currency_code: 'USD',
    language_tag: 'en-US',
    business_type: 'Consulting',
    business_goals: ['Grow my list'],
    business_primary_color: '#1f7a3a',
    business_secondary_color: '#ffffff',
  });
  router
    .on('GET', '/v1/oauth/connect/userinfo', (_req, _p, ctx) => {
      const u = me(ctx);
      return json(200, {
        email: u.email,
        family_name: u.family_name,
        given_name: u.given_name,
        global_user_id: 9000 + u.id,
        infusionsoft_id: u.email,
        middle_name: '',
        preferred_name: u.given_name,
        sub: String(u.id),
      });
    })
    .on('GET', '/v2/oauth/connect/userinfo', (_req, _p, ctx) => {
      const u = me(ctx);
      return json(200, {
        email: u.email,
        sub: String(u.id),
        id: String(u.id),
        keap_id: u.email,
        family_name: u.family_name,
        given_name: u.given_name,
        middle_name: '',
        preferred_name: u.given_name,
        is_admin: u.admin,
        tenant_id: ctx.appName,
      });
    })
    .on('GET', '/v1/account/profile', (_req, _p, ctx) => json(200, profile(ctx)))
    .on('GET', '/v2/businessProfile', (_req, _p, ctx) => json(200, profile(ctx)))
    .on('GET', '/v1/setting/contact/optionTypes', () => json(200, { value: list(CONTACT_TYPES) }))
    .on('GET', '/v1/setting/application/configuration', () => json(200, CONFIGURATION))
    .on('GET', '/v2/settings/contactOptionTypes', () => json(200, { option_types: CONTACT_TYPES }))
    .on('GET', '/v2/settings/applications:getConfiguration', (req) => {
      // Only application data by default; each named module adds its part (Keap v2 spec).
      const modules = req.query.getAll('fields').flatMap((f) => f.split(',')).map((f) => f.trim().toLowerCase());
      const out: Record<string, unknown> = { application: CONFIGURATION.application };
      for (const name of modules) if (name in CONFIGURATION) out[name] = CONFIGURATION[name as keyof typeof CONFIGURATION];
      return json(200, out);
    })
    .on('GET', '/v1/users', (req, _p, ctx) => {
      const users = ctx.store.users.filter((u) => req.query.get('include_inactive') === 'true' || u.status === 'Active');
      const page = pageV1(req, ctx, '/v1/users', users);
      return json(200, { users: page.items.map(userV1), count: page.count, next: page.next });
    })
    .on('GET', '/v2/users', (req, _p, ctx) => {
      const filter = parseFilter(req, ['email', 'include_inactive', 'given_name', 'family_name']);
      const users = ctx.store.users.filter(
        (u) =>
          (filter.include_inactive === 'true' || u.status === 'Active') &&
          (filter.email === undefined || wildcardMatch(filter.email, u.email)) &&
          (filter.given_name === undefined || sameText(filter.given_name, u.given_name)) &&
          (filter.family_name === undefined || sameText(filter.family_name, u.family_name)),
      );
      const page = pageV2(req, users, 100);
      return json(200, { users: page.items.map(userV2), next_page_token: page.next_page_token });
    })
    .on('GET', '/v1/locales/countries', () => json(200, { countries: Object.fromEntries(COUNTRIES.map((c) => [c.alpha3, c.name])) }))
    .on('GET', '/v1/locales/countries/:code/provinces', (_req, { code = '' }) => {
      const country = countryOr404('v1', code);
      return json(200, { provinces: Object.fromEntries((REGIONS[country.alpha3] ?? []).map((r) => [r.code, r.name])) });
    })
    .on('GET', '/v2/locales/countries', (req) => {
      const page = pageV2(req, [...COUNTRIES], 1000);
      return json(200, {
        countries: page.items.map((c) => ({ codes: { alpha2: c.alpha2, alpha3: c.alpha3 }, name: c.name })),
        next_page_token: page.next_page_token,
      });
    })
    .on('GET', '/v2/locales/countries/:code', (_req, { code = '' }) => {
      const c = countryOr404('v2', code);
      return json(200, { codes: { alpha2: c.alpha2, alpha3: c.alpha3 }, name: c.name });
    })
    .on('GET', '/v2/locales/countries/:code/provinces', (req, { code = '' }) => {
      const country = countryOr404('v2', code);
      const page = pageV2(req, [...(REGIONS[country.alpha3] ?? [])], 1000);
      return json(200, {
        provinces: page.items.map((r) => ({ code: r.code, name: r.name, country: country.alpha3 })),
        next_page_token: page.next_page_token,
      });
    });
};
