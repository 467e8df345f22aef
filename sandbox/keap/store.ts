/**
 * Keap state, held once in a version-neutral form (v2 field names, numeric ids) and rendered
 * into the v1 or v2 shape on the way out, so a record written through one API version is
 * found through the other as it is in a real account.
 */

export interface KeapEmail {
  email: string;
  field: string;
  opt_in_reason?: string;
}

export interface KeapPhone {
  number: string;
  field: string;
  type?: string;
  extension?: string;
}

export interface KeapAddress {
  field: string;
  line1?: string;
  line2?: string;
  locality?: string;
  /** Keap stores the region's full name, whatever form it was given in. */
  region?: string;
  region_code?: string;
  country_code?: string;
  postal_code?: string;
  zip_code?: string;
  zip_four?: string;
}

export interface KeapContact {
  id: number;
  /** Plain values under their v2 names: given_name, contact_type, leadsource_id (number), ... */
  fields: Record<string, unknown>;
  email_addresses: KeapEmail[];
  phone_numbers: KeapPhone[];
  addresses: KeapAddress[];
  custom_fields: Record<number, unknown>;
  /** Tag id → time applied. */
  tags: Record<number, string>;
  created: string;
  updated: string;
}

export interface KeapTagCategory {
  id: number;
  name: string;
  description?: string;
  created: string;
  updated: string;
}

export interface KeapTag {
  id: number;
  name: string;
  description?: string;
  category_id?: number;
  created: string;
  updated: string;
}

export interface KeapLeadSourceCategory {
  id: number;
  name: string;
  description?: string;
  created: string;
  updated: string;
}

export interface KeapLeadSource {
  id: number;
  name: string;
  description?: string;
  vendor?: string;
  medium?: string;
  message?: string;
  status: 'ACTIVE' | 'INACTIVE';
  lead_source_category_id?: number;
  start_time?: string;
  end_time?: string;
  created: string;
  updated: string;
}

export type Priority = 'CRITICAL' | 'ESSENTIAL' | 'NONESSENTIAL';

/** One entry per write, so the state page can show how a booking's task evolved. */
export interface ActivityChange {
  time: string;
  via: string;
  changes: Record<string, [unknown, unknown]>;
}

export interface KeapTask {
  id: number;
  title?: string;
  description?: string;
  type?: string;
  priority?: Priority;
  completed: boolean;
  completion_time?: string;
  due_time?: string;
  remind_time_mins?: number;
  assigned_to_user_id?: number;
  contact_id?: number;
  created: string;
  updated: string;
  history: ActivityChange[];
}

export interface KeapNote {
  id: number;
  contact_id: number;
  title?: string;
  text?: string;
  type?: string;
  user_id?: number;
  pinned: boolean;
  created: string;
  updated: string;
}

export interface KeapUser {
  id: number;
  given_name: string;
  family_name: string;
  email: string;
  admin: boolean;
  status: 'Active' | 'Inactive';
}

export type CustomFieldType = 'Text' | 'Dropdown' | 'Date' | 'YesNo' | 'WholeNumber';

export interface KeapCustomField {
  id: number;
  label: string;
  field_name: string;
  field_type: CustomFieldType;
  options?: { id: number; label: string }[];
}

export const CONTACT_TYPES = ['Prospect', 'Customer', 'Partner', 'Vendor'];
export const ACTIVITY_TYPES = ['Call', 'Email', 'Appointment', 'Fax', 'Letter', 'Other'];

const seedUsers = (): KeapUser[] => [
  { id: 1, given_name: 'Sandy', family_name: 'Box', email: 'sandy.box@example.com', admin: true, status: 'Active' },
  { id: 3, given_name: 'Avery', family_name: 'Owner', email: 'avery.owner@example.com', admin: false, status: 'Active' },
  { id: 5, given_name: 'Former', family_name: 'Employee', email: 'former@example.com', admin: false, status: 'Inactive' },
];

const seedCustomFields = (): KeapCustomField[] => [
  { id: 12, label: 'Booking Notes', field_name: 'BookingNotes', field_type: 'Text' },
  {
    id: 14,
    label: 'Meeting Type',
    field_name: 'MeetingType',
    field_type: 'Dropdown',
    options: [
      { id: 1, label: 'Discovery' },
      { id: 2, label: 'Demo' },
      { id: 3, label: 'Follow-up' },
    ],
  },
  { id: 16, label: 'Last Booking Date', field_name: 'LastBookingDate', field_type: 'Date' },
  { id: 18, label: 'Newsletter', field_name: 'Newsletter', field_type: 'YesNo' },
  { id: 20, label: 'Bookings Count', field_name: 'BookingsCount', field_type: 'WholeNumber' },
];

/**
 * A campaign as v1 `GET /campaigns` lists it (`CampaignList {campaigns, count, next, previous}`;
 * the fields of Infusionsoft's v1 Swagger `Campaign` model, as its generated SDK infusionsoft-nodejs
 * documents them). Campaigns are built in Keap's editor; the API only reads them.
 */
export interface KeapCampaign {
  id: number;
  name: string;
  active_contact_count: number;
  completed_contact_count: number;
  date_created: string;
  locked: boolean;
  published_status: boolean;
  time_zone: string;
}

export class KeapStore {
  contacts = new Map<number, KeapContact>();
  tags = new Map<number, KeapTag>();
  tagCategories = new Map<number, KeapTagCategory>();
  leadSources = new Map<number, KeapLeadSource>();
  leadSourceCategories = new Map<number, KeapLeadSourceCategory>();
  tasks = new Map<number, KeapTask>();
  notes = new Map<number, KeapNote>();
  campaigns = new Map<number, KeapCampaign>();
  users: KeapUser[] = seedUsers();
  customFields: KeapCustomField[] = seedCustomFields();
  private nextId = 101;

  constructor() {
    this.seed();
  }

  /** Real accounts start with a few tags and lead sources; ids are shared across kinds like Keap's are not, which is harmless. */
  private seed(): void {
    const now = new Date().toISOString();
    for (const [name, active] of [['Booking Follow-up', 42], ['No-show Win-back', 7], ['New Client Onboarding', 15]] as const) {
      const id = this.id();
      this.campaigns.set(id, { id, name, active_contact_count: active, completed_contact_count: 3, date_created: now, locked: false, published_status: true, time_zone: 'America/Phoenix' });
    }
    const category: KeapTagCategory = { id: this.id(), name: 'Lead Status', description: 'Seeded', created: now, updated: now };
    this.tagCategories.set(category.id, category);
    const tag: KeapTag = { id: this.id(), name: 'Newsletter Subscriber', category_id: category.id, created: now, updated: now };
    this.tags.set(tag.id, tag);
    const sourceCategory: KeapLeadSourceCategory = { id: this.id(), name: 'Website', created: now, updated: now };
    this.leadSourceCategories.set(sourceCategory.id, sourceCategory);
    const source: KeapLeadSource = {
      id: this.id(),
      name: 'Organic Search',
      status: 'ACTIVE',
      lead_source_category_id: sourceCategory.id,
      created: now,
      updated: now,
    };
    this.leadSources.set(source.id, source);
  }

  id(): number {
    return this.nextId++;
  }

  user(id: unknown): KeapUser | undefined {
    return this.users.find((u) => String(u.id) === String(id));
  }
}
