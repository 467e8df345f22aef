import { runTable } from './table';

describe('hostile mapped values (Salesforce)', () => runTable('salesforce'));
