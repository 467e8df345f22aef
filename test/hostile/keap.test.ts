import { runTable } from './table';

describe('hostile mapped values (Keap)', () => runTable('keap'));
