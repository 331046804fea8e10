import * as assert from 'assert';
import { getAdapter } from '../../../src/core/vendors/registry';
import { pageSizeFor } from '../../../src/core/search/pageSize';
import { exportSummary } from '../../../src/extension/panel/exportSummary';

describe('extension: export summary', () => {
  const done = { phase: 'done' as const, complete: true, total: 1200 };

  it('says "Exported" when the file holds what was asked for', () => {
    assert.strictEqual(exportSummary(1200, 'audit-events.csv', 'all', done), 'Exported 1,200 events to audit-events.csv.');
    assert.strictEqual(exportSummary(1, 'a.json', 'loaded', { phase: 'paused', complete: false, total: 50 }), 'Exported 1 event to a.json.');
  });

  it('says a cancelled "export all" saved only part, and how many', () => {
    assert.strictEqual(
      exportSummary(300, 'audit-events.csv', 'all', { phase: 'cancelled', complete: false, total: 1200 }),
      'Export cancelled before every event was fetched: saved only the first 300 events of 1,200 to audit-events.csv.',
    );
    assert.strictEqual(
      exportSummary(300, 'x.csv', 'all', { phase: 'cancelled', complete: false, total: null }),
      'Export cancelled before every event was fetched: saved only the first 300 events to x.csv.',
    );
  });

  it('says an "export all" that did not reach the end of the range (an error, the query limit) saved only part', () => {
    assert.match(exportSummary(80, 'x.csv', 'all', { phase: 'failed', complete: false, total: null }), /^Saved only 80 events to x\.csv: /);
    assert.match(exportSummary(80, 'x.csv', 'all', { phase: 'done', complete: false, total: null }), /^Saved only 80 events/);
  });
});

describe('extension: Copy as cURL page size', () => {
  it('caps the configured page size at the vendor\'s maximum, as the engine does', () => {
    const zluri = getAdapter('zluri').limits;
    assert.strictEqual(pageSizeFor(zluri, 10_000), zluri.maxPageSize);
    assert.strictEqual(pageSizeFor(zluri, undefined), zluri.defaultPageSize);
    assert.strictEqual(pageSizeFor(getAdapter('perfecto').limits, 250), 250);
    assert.strictEqual(pageSizeFor(getAdapter('perfecto').limits, 0), 1);
  });
});
