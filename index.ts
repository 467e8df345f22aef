import { defineApp, version as platformVersion } from 'zapier-platform-core';
import packageJson from './package.json';
import authentication from './authentication';
import { mapApiErrors, routeApiRequest } from './src/http/api';

export default defineApp({
  version: packageJson.version,
  platformVersion,
  authentication,
  beforeRequest: [routeApiRequest],
  afterResponse: [mapApiErrors],
  triggers: {},
  searches: {},
  creates: {},
  searchOrCreates: {},
});
