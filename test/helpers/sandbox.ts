import App from '../../index';
import type { Sandbox } from '../../sandbox';
import type { Connection } from '../../sandbox/zapier/connect';
import { pointAppAt } from '../../sandbox/zapier/env';
import { runWithRefresh, type AppTester } from '../../sandbox/zapier/runtime';
import { registerSecret } from '../secrets/known';
import { rejection, type SeenError } from './errors';

/** What tests against the local sandbox share: the app's operations, env, secrets and step runner. */

export const ops = {
  upsertContact: App.creates!.upsert_contact!.operation.perform,
  upsertContactFields: App.creates!.upsert_contact!.operation.inputFields,
  updateContact: App.creates!.update_contact!.operation.perform,
  updateContactFields: App.creates!.update_contact!.operation.inputFields,
  applyTag: App.creates!.apply_tag!.operation.perform,
  activity: App.creates!.create_activity_event!.operation.perform,
  note: App.creates!.add_note!.operation.perform,
  addToCampaign: App.creates!.add_to_campaign!.operation.perform,
  upsertCase: App.creates!.upsert_case!.operation.perform,
  upsertCaseFields: App.creates!.upsert_case!.operation.inputFields,
  activityFields: App.creates!.create_activity_event!.operation.inputFields,
  findContact: App.searches!.find_contact!.operation.perform,
  apiRequest: App.creates!.api_request!.operation.perform,
  findRows: App.searches!.api_request!.operation.perform,
  subscribe: (App.triggers!.new_booking!.operation as { performSubscribe: unknown }).performSubscribe,
  unsubscribe: (App.triggers!.new_booking!.operation as { performUnsubscribe: unknown }).performUnsubscribe,
  listBookings: (App.triggers!.new_booking!.operation as { performList: unknown }).performList,
  test: App.authentication!.test,
  refresh: App.authentication!.oauth2Config!.refreshAccessToken,
};

/** The global teardown fails the run if a token or key of this connection shows up in a log line. */
export const registerConnection = (authData: Record<string, string | undefined>): void => {
  for (const key of ['access_token', 'refresh_token', 'oncehub_api_key']) registerSecret(authData[key]);
};

/** Points the app at the sandbox for the rest of the file and registers the sandbox's own secrets. */
export const pointAppAtForFile = (sandbox: Sandbox): (() => void) => {
  const restore = pointAppAt(sandbox);
  for (const secret of [sandbox.clients.keap.clientSecret, sandbox.clients.salesforce.clientSecret, sandbox.oncehub.apiKey]) {
    registerSecret(secret);
  }
  return restore;
};

/** Runs one operation as Zapier does with autoRefresh; a refreshed token stays on the connection. */
export const runStep = async <T = Record<string, unknown>>(
  appTester: AppTester,
  connection: Connection,
  method: unknown,
  inputData: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Promise<T> => {
  try {
    return (await runWithRefresh(appTester, connection, method, { inputData, ...extra })) as T;
  } finally {
    registerConnection(connection.authData);
  }
};

/**
 * The error a step fails with, as the user reads it. The platform appends a "What happened:"
 * trace to errors other than AppError and ThrottledError, for Zapier's own logs.
 */
export const failure = async (promise: Promise<unknown>): Promise<SeenError> => {
  const seen = await rejection(promise);
  return { ...seen, message: seen.message.split('\nWhat happened:\n')[0]! };
};
