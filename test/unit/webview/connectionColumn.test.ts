import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COLUMN_IDS, DEFAULT_COLUMNS } from '../../../src/shared/columns';
import { connectionNames } from '../../../src/shared/connectionNames';
import type { ConnectionInfo } from '../../../src/shared/protocol';
import { sharesVendor, startingColumns } from '../../../src/webview/model/connectionColumn';
import { computeFacets } from '../../../src/webview/model/facets';
import { compileFilters } from '../../../src/webview/model/filters';
import { Results } from '../../../src/webview/model/results';
import { sortPositions } from '../../../src/webview/model/sort';
import { buildEvent } from '../../webview/eventBuilder';

const prod: ConnectionInfo = { id: 'descope-prod', label: 'Descope prod', vendor: 'descope' };
const staging: ConnectionInfo = { id: 'descope-staging', label: 'Descope staging', vendor: 'descope' };
const surfsight: ConnectionInfo = { id: 'surfsight-us', label: 'Surfsight US', vendor: 'surfsight' };

describe('webview: the Connection column', () => {
  it('names each connection by its label, and by label and id where two share a label', () => {
    assert.deepEqual([...connectionNames([prod, staging])], [['descope-prod', 'Descope prod'], ['descope-staging', 'Descope staging']]);
    const twin = { ...staging, label: 'Descope prod' };
    assert.deepEqual([...connectionNames([prod, twin, surfsight])], [
      ['descope-prod', 'Descope prod (descope-prod)'], ['descope-staging', 'Descope prod (descope-staging)'], ['surfsight-us', 'Surfsight US'],
    ]);
  });

  it('starts a panel with it after Vendor exactly when two connections of the run share a vendor', () => {
    assert.equal(sharesVendor([prod, surfsight]), false);
    assert.equal(sharesVendor([prod, surfsight, staging]), true);
    assert.deepEqual(startingColumns(DEFAULT_COLUMNS, [prod, surfsight]), DEFAULT_COLUMNS);
    assert.deepEqual(startingColumns(DEFAULT_COLUMNS, [prod]), DEFAULT_COLUMNS);
    assert.deepEqual(startingColumns(DEFAULT_COLUMNS, [prod, staging]), ['time', 'vendor', 'connection', 'actor', 'action', 'resource', 'status', 'description', 'traceId']);
    assert.deepEqual(startingColumns(['actor', 'time'], [prod, staging]), ['actor', 'connection', 'time'], 'without Vendor: second');
    assert.deepEqual(startingColumns(['action'], [prod, staging]), ['action', 'connection']);
    assert.deepEqual(startingColumns(['connection', 'time'], [prod, staging]), ['connection', 'time'], 'a list naming it keeps its place');
  });

  it('sorts and facet-filters by connection, keeping two connections with one label apart; the text filter ignores it', () => {
    const twin = { ...staging, label: 'Descope prod' };
    const results = new Results();
    results.reset(1, [prod, twin, surfsight]);
    results.add(prod.id, [buildEvent({ vendor: 'descope', id: '1', action: 'A' }), buildEvent({ vendor: 'descope', id: '2', action: 'B' })]);
    results.add(twin.id, [buildEvent({ vendor: 'descope', id: '1', action: 'C' })]);
    results.add(surfsight.id, [buildEvent({ vendor: 'surfsight', id: '1', action: 'D' })]);
    results.add('gone', [buildEvent({ id: '9', action: 'E' })]);
    const { index } = results;
    const actions = (positions: readonly number[]) => positions.map((at) => index.events[at].action);

    assert.deepEqual(actions(sortPositions(index, 'connection', false)), ['A', 'B', 'C', 'E', 'D']);
    assert.deepEqual(actions(sortPositions(index, 'connection', true)), ['D', 'E', 'C', 'A', 'B'], 'ties keep arrival order');
    assert.equal(results.nameOf(twin.id), 'Descope prod (descope-staging)');
    assert.equal(results.nameOf('gone'), 'gone', 'a connection the search did not name goes by its id');

    const all = index.events.map((_, at) => at);
    const [facet] = computeFacets(index, all, ['connection'], 5);
    assert.deepEqual(facet.top, [{ value: 'descope-prod', count: 2 }, { value: 'descope-staging', count: 1 }, { value: 'gone', count: 1 }, { value: 'surfsight-us', count: 1 }]);
    assert.deepEqual(actions(all.filter(compileFilters(index, [{ field: 'connection', value: twin.id, exclude: false }], ''))), ['C']);
    assert.deepEqual(actions(all.filter(compileFilters(index, [{ field: 'connection', value: prod.id, exclude: true }], ''))), ['C', 'D', 'E']);
    assert.deepEqual(actions(all.filter(compileFilters(index, [], 'prod'))), [], 'a word of a label is not what the events say');
    assert.deepEqual(actions(all.filter(compileFilters(index, [], 'surfsight'))), ['D'], 'the text filter still reads the other columns');
    assert.deepEqual(actions(all.filter(compileFilters(index, [{ field: 'connection', value: 'Descope prod', exclude: false }], ''))), [], 'filters compare ids, not labels');
  });

  it('is a column id the auditLens.columns setting accepts, in the same order', () => {
    const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { items?: { enum?: string[] } }> } };
    };
    const properties = Object.entries(manifest.contributes.configuration.properties);
    const lists = properties.filter(([, p]) => p.items?.enum?.includes('traceId'));
    assert.ok(lists.length > 0);
    for (const [name, p] of lists) assert.deepEqual(p.items?.enum, [...COLUMN_IDS], name);
  });
});
