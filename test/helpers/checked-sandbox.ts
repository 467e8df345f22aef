import { startSandbox, type Sandbox, type SandboxExchange, type SandboxOptions } from '../../sandbox';
import { reportViolation } from '../contract/record-requests';
import { keapV2ResponseViolations } from '../contract/shapes';

const KEAP_V2 = /^\/crm\/rest(\/v2\/.*)$/;

/**
 * Keap's API gateway refuses a bad token before any operation runs, in its own shape
 * (`{"fault":{"faultstring":…}}`, shared/reference keap.md §1.6), which the operation's spec does not cover.
 */
const isGatewayRefusal = (exchange: SandboxExchange): boolean =>
  exchange.status === 401 && typeof exchange.body === 'object' && exchange.body !== null && 'fault' in exchange.body;

/**
 * Every Keap v2 answer the sandbox sends must fit the response schema the official OpenAPI
 * documents for that operation and status, so the sandbox cannot drift from the spec the
 * connector is tested on. An injected fault is a deliberate misbehaviour and is not checked.
 */
let checked = 0;

/** How many sandbox answers have been checked in this file so far: proof the check runs. */
export const checkedKeapAnswers = (): number => checked;

export const checkKeapAnswer = (exchange: SandboxExchange): void => {
  const rest = exchange.provider === 'keap' && !exchange.fault ? exchange.path.match(KEAP_V2) : null;
  if (!rest || isGatewayRefusal(exchange)) return;
  checked += 1;
  // What the wire carries: JSON drops undefined properties and turns dates into text.
  const body = exchange.body === undefined ? undefined : JSON.parse(JSON.stringify(exchange.body));
  const problems = keapV2ResponseViolations(exchange.method, rest[1]!, exchange.status, body);
  if (problems.length) reportViolation(`sandbox answer to ${exchange.method} ${exchange.path}\n  - ${problems.join('\n  - ')}`);
};

/** The sandbox as every test file starts it: its Keap v2 answers checked against the spec. */
export const startCheckedSandbox = (options: SandboxOptions = {}): Promise<Sandbox> => startSandbox({ ...options, onExchange: checkKeapAnswer });
