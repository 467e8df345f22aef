import type { AddressInfo } from 'node:net';
import { Faults } from './faults';
import { KeapService, type KeapOptions } from './keap';
import type { KeapStore } from './keap/store';
import { OnceHubService, type OnceHubOptions } from './oncehub';
import type { BookInput, LifecycleResult } from './oncehub/lifecycle';
import type { Delivery, OnceHubStore, WebhookEvent } from './oncehub/store';
import { SalesforceService, type SalesforceOptions } from './salesforce';
import type { EventChange } from './salesforce/org';
import type { OrgFeatures } from './salesforce/schema';
import { createSandboxServer, type RequestLogEntry, type SandboxExchange } from './server';
import { ZapierCache } from './zapier/cache';
import type { ZapView } from './page/zap';
import type { Services } from './page/state';

/**
 * Local emulator of the Keap, Salesforce and OnceHub APIs the connector uses, on one loopback
 * HTTP server. Point the connector at it with `sandbox.env`.
 */

export type { FaultSpec } from './faults';
export type { Provider } from './http';
export type { RequestLogEntry, SandboxExchange } from './server';
export type { BookInput, LifecycleResult } from './oncehub/lifecycle';
export type { OrgFeatures } from './salesforce/schema';

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  keap?: KeapOptions;
  /** Client credentials, daily API limit, and the org feature switches (`OrgFeatures`). */
  salesforce?: SalesforceOptions;
  oncehub?: OnceHubOptions;
  /** Sees every provider call the sandbox answers (the tests check Keap's against its OpenAPI). */
  onExchange?: (exchange: SandboxExchange) => void;
}

export interface SandboxEnv {
  KEAP_AUTH_BASE_URL: string;
  KEAP_TOKEN_URL: string;
  KEAP_API_BASE_URL: string;
  KEAP_WEB_APP_URL: string;
  SALESFORCE_LOGIN_URL: string;
  SALESFORCE_SANDBOX_LOGIN_URL: string;
  ONCEHUB_API_BASE_URL: string;
}

export type TokenProvider = 'keap' | 'salesforce';

export interface Sandbox {
  url: string;
  env: SandboxEnv;
  clients: { keap: { clientId: string; clientSecret: string }; salesforce: { clientId: string; clientSecret: string } };
  state: {
    readonly keap: KeapStore;
    readonly salesforce: {
      /** Field maps of every record of one object, in creation order. */
      records(objectName: string): Record<string, unknown>[];
      record(id: string): Record<string, unknown> | undefined;
      eventHistory(eventId: string): readonly EventChange[];
      readonly features: Readonly<OrgFeatures>;
    };
    readonly oncehub: OnceHubStore;
  };
  oncehub: {
    apiKey: string;
    book(input: BookInput): Promise<LifecycleResult>;
    reschedule(bookingId: string, change: { newStart: string; reason?: string; actionedBy?: 'user' | 'customer' }): Promise<LifecycleResult>;
    cancel(bookingId: string, reason?: string, actionedBy?: 'user' | 'customer'): Promise<LifecycleResult>;
    complete(bookingId: string): Promise<LifecycleResult>;
    noShow(bookingId: string): Promise<LifecycleResult>;
    reassign(bookingId: string, toUserId?: string): Promise<LifecycleResult>;
    redeliver(deliveryId: string): Promise<Delivery>;
    readonly deliveries: readonly Delivery[];
    readonly events: readonly WebhookEvent[];
  };
  faults: Faults;
  /**
   * Zapier's side: the RPC URL a runtime hands the app for z.cache, and the cache behind it
   * (kept across `reset()`, as an account's cache outlives its CRM data; `clear()` empties it).
   */
  zapier: { rpcUrl: string; cache: ZapierCache };
  /** Shows a live zap's state and runs on the page (`npm start`); undefined says no zap listens. */
  showZap(zap: ZapView | undefined): void;
  readonly requests: readonly RequestLogEntry[];
  resetRequestLog(): void;
  /** Every access token issued so far stops working (default: both CRMs). */
  expireAccessTokens(provider?: TokenProvider): void;
  /** Every refresh token issued so far stops working (default: both CRMs). */
  revokeRefreshTokens(provider?: TokenProvider): void;
  /** Switches org features and the OnceHub plan at run time. */
  configure(changes: { salesforce?: Partial<OrgFeatures>; oncehub?: { apiAccess?: boolean } }): void;
  /** Back to the seeded data: clears records, bookings, webhooks, deliveries, faults and the request log; issued tokens stay valid. */
  reset(): void;
  close(): Promise<void>;
}

export const startSandbox = async (options: SandboxOptions = {}): Promise<Sandbox> => {
  const keap = new KeapService(options.keap);
  const salesforce = new SalesforceService(options.salesforce);
  const oncehub = new OnceHubService(options.oncehub);
  const zapierCache = new ZapierCache();
  const services: Services = { keap, salesforce, oncehub, zapierCache };
  const faults = new Faults();
  const log: RequestLogEntry[] = [];
  const reset = () => {
    keap.reset();
    salesforce.reset();
    oncehub.reset();
    faults.clear();
    log.length = 0;
  };
  const server = createSandboxServer({ services, faults, log, reset, onExchange: options.onExchange });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokenStores = (provider?: TokenProvider) =>
    (provider ? [provider] : (['keap', 'salesforce'] as const)).map((p) => (p === 'keap' ? keap.tokens : salesforce.oauth.tokens));
  const lifecycle = oncehub.lifecycle;

  return {
    url,
    env: {
      KEAP_AUTH_BASE_URL: `${url}/keap`,
      KEAP_TOKEN_URL: `${url}/keap/token`,
      KEAP_API_BASE_URL: `${url}/keap/crm/rest`,
      KEAP_WEB_APP_URL: `${url}/keap/web`,
      SALESFORCE_LOGIN_URL: `${url}/salesforce`,
      SALESFORCE_SANDBOX_LOGIN_URL: `${url}/salesforce`,
      ONCEHUB_API_BASE_URL: `${url}/oncehub/v2`,
    },
    clients: {
      keap: { clientId: keap.tokens.client.id, clientSecret: keap.tokens.client.secret },
      salesforce: { clientId: salesforce.oauth.tokens.client.id, clientSecret: salesforce.oauth.tokens.client.secret },
    },
    state: {
      get keap() {
        return keap.store;
      },
      salesforce: {
        records: (objectName) => salesforce.org.all(objectName).map(({ record }) => ({ ...record.fields })),
        record: (id) => {
          const found = salesforce.org.get(id);
          return found ? { ...found.fields } : undefined;
        },
        eventHistory: (eventId) => salesforce.org.eventHistory.get(salesforce.org.get(eventId)?.fields.Id as string) ?? [],
        get features() {
          return salesforce.org.features;
        },
      },
      get oncehub() {
        return oncehub.store;
      },
    },
    oncehub: {
      apiKey: oncehub.apiKey,
      book: (input) => lifecycle.book(input),
      reschedule: (id, change) => lifecycle.reschedule(id, change),
      cancel: (id, reason, actionedBy) => lifecycle.cancel(id, reason, actionedBy),
      complete: (id) => lifecycle.complete(id),
      noShow: (id) => lifecycle.noShow(id),
      reassign: (id, toUserId) => lifecycle.reassign(id, toUserId),
      redeliver: (id) => lifecycle.redeliver(id),
      get deliveries() {
        return oncehub.store.deliveries;
      },
      get events() {
        return oncehub.store.events;
      },
    },
    faults,
    zapier: { rpcUrl: `${url}/_sandbox/zapier/rpc`, cache: zapierCache },
    showZap: (zap) => {
      services.zap = zap;
    },
    get requests() {
      return log;
    },
    resetRequestLog: () => {
      log.length = 0;
    },
    expireAccessTokens: (provider) => tokenStores(provider).forEach((t) => t.expireAccessTokens()),
    revokeRefreshTokens: (provider) => tokenStores(provider).forEach((t) => t.revokeRefreshTokens()),
    configure: (changes) => {
      if (changes.salesforce) salesforce.configure(changes.salesforce);
      if (changes.oncehub?.apiAccess !== undefined) oncehub.apiAccess = changes.oncehub.apiAccess;
    },
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};

