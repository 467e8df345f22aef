import { HttpError, json } from '../http';
import { to18 } from './ids';
import { buildSchema, DEFAULT_FEATURES, TASK_STATUSES, type ObjectDef, type OrgFeatures } from './schema';

export { to18 };

/** A Salesforce record: its object name and field values under their describe names. */
export interface SfRecord {
  type: string;
  fields: Record<string, unknown>;
}

export interface EventChange {
  time: string;
  status: unknown;
  start: unknown;
  end: unknown;
  changes: string[];
}

export const sfError = (status: number, errorCode: string, message: string, fields: string[] = [], extra: Record<string, unknown> = {}): never => {
  throw new HttpError(json(status, [{ ...extra, message, errorCode, fields }]));
};

/** A 15- or 18-character id in its 18-character form; undefined when it is not an id at all. */
export const normalizeId = (value: unknown): string | undefined => {
  if (typeof value !== 'string' || !/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(value)) return undefined;
  const full = to18(value.slice(0, 15));
  return value.length === 18 && value.slice(15).toUpperCase() !== full.slice(15) ? undefined : full;
};

/** Salesforce prints datetimes as `2025-04-11T11:27:22.000+0000`. */
export const sfDateTime = (date: Date): string => date.toISOString().replace('Z', '+0000');

export const ORG_ID = to18('00D8d000001SBXE');
export const ORG_NAME = 'Sandbox Scheduling Co';
export const ADMIN_USER_ID = to18('0058d000002ADMN');
const OWNER_USER_ID = to18('0058d000002OWNR');

/** The audit fields of the records the org starts with, created by its admin. */
const seededSystemFields = () => {
  const created = sfDateTime(new Date('2024-01-02T09:00:00Z'));
  return {
    IsDeleted: false,
    CreatedDate: created,
    CreatedById: ADMIN_USER_ID,
    LastModifiedDate: created,
    LastModifiedById: ADMIN_USER_ID,
    SystemModstamp: created,
  };
};

export class Org {
  features: OrgFeatures;
  schema: Record<string, ObjectDef>;
  records = new Map<string, SfRecord>();
  eventHistory = new Map<string, EventChange[]>();
  private counter = 1;

  constructor(features: Partial<OrgFeatures> = {}) {
    this.features = { ...DEFAULT_FEATURES, ...features };
    this.schema = buildSchema(this.features);
    this.seedUsers();
    this.seedOrganization();
    this.seedTaskStatuses();
    this.seedRecordTypes();
  }

  configure(features: Partial<OrgFeatures>): void {
    this.features = { ...this.features, ...features };
    this.schema = buildSchema(this.features);
    this.seedRecordTypes();
  }

  /** RecordType rows follow the schema's record types (the master placeholder has no row). */
  private seedRecordTypes(): void {
    for (const { id } of this.all('RecordType')) this.records.delete(id);
    for (const object of Object.values(this.schema)) {
      for (const rt of object.recordTypes.filter((type) => !type.master)) {
        this.records.set(rt.recordTypeId, {
          type: 'RecordType',
          fields: {
            Id: rt.recordTypeId,
            Name: rt.name,
            DeveloperName: rt.developerName,
            SobjectType: object.name,
            IsActive: true,
            IsPersonType: Boolean(rt.isPersonType),
            ...seededSystemFields(),
          },
        });
      }
    }
  }

  private seedUsers(): void {
    const users = [
      { Id: ADMIN_USER_ID, Username: 'admin@sandbox-org.example.com', Email: 'admin@sandbox-org.example.com', FirstName: 'Sandbox', LastName: 'Admin', Alias: 'sadmin' },
      { Id: OWNER_USER_ID, Username: 'owen.owner@sandbox-org.example.com', Email: 'owen.owner@example.com', FirstName: 'Owen', LastName: 'Owner', Alias: 'oowner' },
    ];
    for (const u of users) {
      this.records.set(u.Id, {
        type: 'User',
        fields: {
          ...u,
          Name: `${u.FirstName} ${u.LastName}`,
          IsActive: true,
          UserType: 'Standard',
          TimeZoneSidKey: 'America/New_York',
          ...seededSystemFields(),
        },
      });
    }
  }

  private seedTaskStatuses(): void {
    TASK_STATUSES.forEach((status, i) => {
      // Fixed IDs: seeding must not shift the IDs the records a test creates get.
      const id = to18(`01J8d00000TS00${i + 1}`);
      this.records.set(id, {
        type: 'TaskStatus',
        fields: { Id: id, MasterLabel: status.label, IsClosed: status.closed, IsDefault: status.default, SortOrder: i + 1, ...seededSystemFields() },
      });
    });
  }

  private seedOrganization(): void {
    this.records.set(ORG_ID, {
      type: 'Organization',
      fields: {
        Id: ORG_ID,
        Name: ORG_NAME,
        OrganizationType: 'Developer Edition',
        IsSandbox: true,
        ...seededSystemFields(),
      },
    });
  }

  /** Resolves a URL or query object name the way Salesforce does: case-insensitively. */
  object(name: string): ObjectDef | undefined {
    return Object.values(this.schema).find((o) => o.name.toLowerCase() === name.toLowerCase());
  }

  objectOfId(id: string): ObjectDef | undefined {
    return Object.values(this.schema).find((o) => id.startsWith(o.keyPrefix));
  }

  newId(object: ObjectDef): string {
    const serial = String(this.counter++).padStart(9, '0');
    return to18(`${object.keyPrefix}8d0${serial}`);
  }

  get(id: unknown): SfRecord | undefined {
    const full = normalizeId(id);
    return full ? this.records.get(full) : undefined;
  }

  /** All records of one object, in creation order. */
  all(type: string): { id: string; record: SfRecord }[] {
    return [...this.records.entries()].filter(([, r]) => r.type === type).map(([id, record]) => ({ id, record }));
  }

  /** For composite `allOrNone`: everything a rolled-back transaction may have touched. */
  snapshot(): unknown {
    return structuredClone({ records: this.records, eventHistory: this.eventHistory, counter: this.counter });
  }

  restore(snapshot: unknown): void {
    const s = structuredClone(snapshot) as { records: Map<string, SfRecord>; eventHistory: Map<string, EventChange[]>; counter: number };
    this.records = s.records;
    this.eventHistory = s.eventHistory;
    this.counter = s.counter;
  }
}
