import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { sendApiRequest } from '../src/api-request';
import { parseInput } from '../src/input';
import { API_REQUEST, API_REQUEST_INPUTS } from '../src/inputs';
import { contextFor, providerFor } from '../src/providers';

/** Each row as a search result, numbered from 1; a value that is not an object is wrapped, so Zapier can map it. */
const asResult = (row: unknown, index: number): Record<string, unknown> => ({
  row_number: index + 1,
  ...(row && typeof row === 'object' && !Array.isArray(row) ? (row as Record<string, unknown>) : { value: row }),
});

export default defineSearch({
  key: 'api_request',
  noun: 'Row',
  display: {
    label: 'Find Rows by API Request',
    description: 'Reads rows from the connected CRM’s own API, following its pages, up to Max Rows.',
  },
  operation: {
    // A search only reads: the method is always GET.
    inputFields: API_REQUEST_INPUTS.fields.filter((field) => field.key !== API_REQUEST.method.key && field.key !== API_REQUEST.body.key),
    perform: async (z: ZObject, bundle: Bundle) => {
      const input = parseInput(z, API_REQUEST_INPUTS, { ...bundle.inputData, method: 'GET', body: undefined });
      const result = await sendApiRequest(contextFor(z, bundle), providerFor(z, bundle), input);
      return result.rows.length ? result.rows.map(asResult) : result.data && typeof result.data === 'object' ? [asResult(result.data, 0)] : [];
    },
    // The rows' own keys differ by path and account; every row has its number.
    sample: { row_number: 1 },
    outputFields: [{ key: 'row_number', label: 'Row Number', type: 'integer' }],
  },
});
