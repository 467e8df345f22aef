import { API, App, records, runStep, sf, useNock } from '../providers/salesforce/support';

const perform = App.creates.api_request.operation.perform;
type Result = { rows: Array<Record<string, unknown>>; row_count: number; has_more: boolean };

const lead = (i: number) => ({ Id: `00Q5g0000Rep${String(i).padStart(3, '0')}AAA`, LastName: `Report ${i}` });

describe('API Request (Salesforce)', () => {
  useNock();

  it('asks for a batch the size of Max Rows and follows nextRecordsUrl until it has them', async () => {
    const q = 'SELECT Id, LastName FROM Lead';
    sf()
      .get(`${API}/query`)
      .query({ q })
      .matchHeader('sforce-query-options', 'batchSize=250')
      .reply(200, { ...records('Lead', [lead(1), lead(2)]), totalSize: 4, done: false, nextRecordsUrl: `${API}/query/01gD0000002HU6KIAW-2` });
    sf()
      .get(`${API}/query/01gD0000002HU6KIAW-2`)
      .matchHeader('sforce-query-options', 'batchSize=250')
      .reply(200, { ...records('Lead', [lead(3), lead(4)]), totalSize: 4, done: true });

    const result = await runStep<Result>(perform, { path: '/query', query: { q }, max_rows: '250' });

    expect(result.rows.map((row) => row.LastName)).toEqual(['Report 1', 'Report 2', 'Report 3', 'Report 4']);
    expect(result).toMatchObject({ row_count: 4, has_more: false });
  });

  it('stops at Max Rows and says more rows were left', async () => {
    sf()
      .get(`${API}/query`)
      .query(true)
      .matchHeader('sforce-query-options', 'batchSize=200')
      .reply(200, { ...records('Lead', [lead(1), lead(2), lead(3)]), totalSize: 3, done: true });

    const result = await runStep<Result>(perform, { path: '/query', query: { q: 'SELECT Id FROM Lead' }, max_rows: '2' });

    expect(result).toMatchObject({ row_count: 2, has_more: true });
  });

  it('returns a record as data, on the pinned API version, with the connection’s token', async () => {
    sf()
      .get(`${API}/sobjects/Lead/00Q5g0000Rep001AAA`)
      .matchHeader('authorization', /^Bearer /)
      .reply(200, { attributes: { type: 'Lead' }, Id: '00Q5g0000Rep001AAA', LastName: 'Report 1' });

    const result = await runStep<Result & { data: unknown }>(perform, { path: '/sobjects/Lead/00Q5g0000Rep001AAA' });

    expect(result).toMatchObject({ status: 200, row_count: 0, rows: [], data: { LastName: 'Report 1' } });
  });
});
