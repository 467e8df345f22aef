import { isRecord, json, jsonBody, type SandboxRequest, type SandboxResponse } from '../http';
import { sfError, type Org } from './org';
import type { WriteOptions } from './write';

export interface SfContext {
  org: Org;
  options: WriteOptions;
  apiUsage: () => { used: number; max: number };
  /** Runs one REST call in-process, for composite sub-requests. `path` is below `/services/data/vXX.X`. */
  dispatch: (method: string, path: string, body: unknown) => Promise<SandboxResponse>;
}

export const sfBody = (req: SandboxRequest): Record<string, unknown> => {
  const parsed = jsonBody(req, (message) => json(400, [{ message: `Unexpected character: ${message}`, errorCode: 'JSON_PARSER_ERROR', fields: [] }]));
  if (!isRecord(parsed)) return sfError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
  return parsed;
};

