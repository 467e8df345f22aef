/**
 * Imported before zapier-platform-core loads: in "testing" mode the platform runs its strict
 * output checks (the same ones Zapier logs in production) and leaves out its per-invocation
 * memory log lines, which would drown the report.
 */
process.env.NODE_ENV = 'test';
