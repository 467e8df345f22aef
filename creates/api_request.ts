import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { sendApiRequest } from '../src/api-request';
import { parseInput } from '../src/input';
import { API_REQUEST_INPUTS } from '../src/inputs';
import { contextFor, providerFor } from '../src/providers';
import { apiRequestOutputFields, apiRequestSample } from '../src/samples';

export default defineCreate({
  key: 'api_request',
  noun: 'API Request',
  display: {
    label: 'API Request',
    description: 'Sends a request to the connected CRM’s own API, signed by the connection, and collects the rows of list answers.',
  },
  operation: {
    inputFields: API_REQUEST_INPUTS.fields,
    perform: async (z: ZObject, bundle: Bundle) =>
      sendApiRequest(contextFor(z, bundle), providerFor(z, bundle), parseInput(z, API_REQUEST_INPUTS, bundle.inputData)),
    sample: apiRequestSample,
    outputFields: apiRequestOutputFields,
  },
});
