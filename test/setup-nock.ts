import nock from 'nock';

/**
 * nock patches Node's shared `http` module, but every test file gets its own nock instance:
 * each file activates its instance and restores it when done, so the next file's instance is
 * the one in charge. No test reaches a real host; loopback stays open for the local sandbox.
 */
beforeAll(() => {
  if (!nock.isActive()) nock.activate();
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});

afterAll(() => {
  nock.cleanAll();
  nock.restore();
});
