import * as assert from 'node:assert/strict';
import { computeFacets } from '../../../src/webview/model/facets';
import { addFilter, compileFilters, removeFilter } from '../../../src/webview/model/filters';
import { binWidth, chartRange, computeBins, dragToRange } from '../../../src/webview/model/histogram';
import { Results } from '../../../src/webview/model/results';
import { sortEvents } from '../../../src/webview/model/sort';
import { buildEvent, buildEvents } from '../../webview/eventBuilder';

describe('webview model: facets', () => {
  it('counts values, most frequent first, ties by value, capped at topN', () => {
    const events = [
      buildEvent({ id: '1', action: 'B' }), buildEvent({ id: '2', action: 'A' }), buildEvent({ id: '3', action: 'B' }),
      buildEvent({ id: '4', action: 'C' }), buildEvent({ id: '5', action: 'A' }), buildEvent({ id: '6', action: 'D' }),
    ];
    const [facet] = computeFacets(events, ['action'], 3);
    assert.deepEqual(facet.top, [{ value: 'A', count: 2 }, { value: 'B', count: 2 }, { value: 'C', count: 1 }]);
    assert.equal(facet.distinct, 4);
    assert.equal(facet.missing, 0);
  });

  it('counts events without a value as missing, not as a value', () => {
    const events = [buildEvent({ id: '1', traceId: 't1' }), buildEvent({ id: '2', traceId: null })];
    const [facet] = computeFacets(events, ['traceId'], 5);
    assert.deepEqual(facet.top, [{ value: 't1', count: 1 }]);
    assert.equal(facet.missing, 1);
  });
});

describe('webview model: local filters', () => {
  const events = buildEvents(60);

  it('includes on one field are alternatives; different fields must all match', () => {
    const keep = compileFilters([
      { field: 'vendor', value: 'axp', exclude: false },
      { field: 'vendor', value: 'zluri', exclude: false },
      { field: 'status', value: 'failure', exclude: false },
    ], '');
    const shown = events.filter(keep);
    assert.ok(shown.length > 0);
    assert.ok(shown.every((e) => (e.vendor === 'axp' || e.vendor === 'zluri') && e.status === 'failure'));
    assert.equal(shown.length, events.filter((e) => (e.vendor === 'axp' || e.vendor === 'zluri') && e.status === 'failure').length);
  });

  it('excludes drop matching events and the text filter searches every column case-insensitively', () => {
    const keep = compileFilters([{ field: 'actor', value: 'bob@example.com', exclude: true }], 'NUMBER 1');
    const shown = events.filter(keep);
    assert.ok(shown.every((e) => e.actor.name !== 'bob@example.com' && e.description!.includes('number 1')));
    assert.deepEqual(shown.map((e) => e.id), ['e10', 'e12', 'e13', 'e14', 'e15', 'e17', 'e18', 'e19']);
  });

  it('adding the opposite filter replaces it; removing takes exactly that filter', () => {
    const include = { field: 'action' as const, value: 'Login', exclude: false };
    const exclude = { ...include, exclude: true };
    assert.deepEqual(addFilter([include], exclude), [exclude]);
    assert.deepEqual(addFilter([include], include), [include]);
    assert.deepEqual(removeFilter([include, { field: 'vendor', value: 'axp', exclude: false }], include), [{ field: 'vendor', value: 'axp', exclude: false }]);
  });
});

describe('webview model: histogram bins', () => {
  it('picks the smallest round bin width that fits the bin budget', () => {
    assert.equal(binWidth(60 * 60_000, 60), 60_000);
    assert.equal(binWidth(24 * 3_600_000, 80), 30 * 60_000);
    assert.equal(binWidth(1000, 100), 1_000);
  });

  it('counts every event in range once, failures separately, including the range end', () => {
    const events = buildEvents(600, Date.parse('2025-12-04T12:00:00.000Z'), 6_000); // one hour back
    const from = Date.parse(events[events.length - 1].time);
    const to = Date.parse(events[0].time);
    const bins = computeBins(events, from, to, 60);
    assert.equal(bins.reduce((n, b) => n + b.count, 0), 600);
    assert.equal(bins.reduce((n, b) => n + b.failures, 0), events.filter((e) => e.status === 'failure').length);
    assert.ok(bins.every((b, i) => b.end - b.start === 60_000 && b.start % 60_000 === 0 && (i === 0 || b.start === bins[i - 1].end)));
    assert.ok(bins[0].start <= from && bins[bins.length - 1].end > to);
    assert.equal(bins[bins.length - 1].count, 1, 'the event exactly at `to` is in the last bin');
  });

  it('ignores events outside the range and gives nothing for an empty range', () => {
    const events = [buildEvent({ time: '2025-12-04T10:00:00.000Z' }), buildEvent({ id: '2', time: '2025-12-05T10:00:00.000Z' })];
    const bins = computeBins(events, Date.parse('2025-12-04T00:00:00Z'), Date.parse('2025-12-04T23:59:59Z'), 24);
    assert.equal(bins.reduce((n, b) => n + b.count, 0), 1);
    assert.deepEqual(computeBins(events, 5, 5, 10), []);
  });

  it('maps a drag in either direction to an ordered, clamped range', () => {
    const range = { from: 1000, to: 2000 };
    assert.deepEqual(dragToRange(range, 0.75, 0.25), { from: 1250, to: 1750 });
    assert.deepEqual(dragToRange(range, -0.5, 1.5), { from: 1000, to: 2000 });
  });

  it('charts the search range, or the events span when there is none', () => {
    const events = [buildEvent({ time: '2025-12-04T10:00:00.000Z' }), buildEvent({ id: '2', time: '2025-12-04T11:00:00.000Z' })];
    assert.deepEqual(chartRange({ from: '2025-12-01T00:00:00.000Z', to: '2025-12-02T00:00:00.000Z' }, events), { from: Date.parse('2025-12-01T00:00:00.000Z'), to: Date.parse('2025-12-02T00:00:00.000Z') });
    assert.deepEqual(chartRange(null, events), { from: Date.parse('2025-12-04T10:00:00.000Z'), to: Date.parse('2025-12-04T11:00:00.000Z') });
    assert.equal(chartRange(null, [events[0]]), null);
  });
});

describe('webview model: sorting and loaded results', () => {
  it('sorts by time either way and keeps empty values last', () => {
    const events = [
      buildEvent({ id: 'a', time: '2025-12-04T10:00:00.000Z', traceId: 'b' }),
      buildEvent({ id: 'b', time: '2025-12-04T12:00:00.000Z', traceId: null }),
      buildEvent({ id: 'c', time: '2025-12-04T11:00:00.000Z', traceId: 'a' }),
    ];
    assert.deepEqual(sortEvents(events, 'time', true).map((e) => e.id), ['b', 'c', 'a']);
    assert.deepEqual(sortEvents(events, 'time', false).map((e) => e.id), ['a', 'c', 'b']);
    assert.deepEqual(sortEvents(events, 'traceId', false).map((e) => e.id), ['c', 'a', 'b']);
    assert.deepEqual(sortEvents(events, 'traceId', true).map((e) => e.id), ['a', 'c', 'b']);
  });

  it('adds, replaces repeated keys, revises known events only, and resets per run', () => {
    const results = new Results();
    results.reset(1);
    results.add(buildEvents(3));
    results.add([buildEvent({ vendor: 'perfecto', id: 'e0', action: 'Again' })]);
    assert.equal(results.events.length, 3);
    assert.equal(results.get('perfecto:e0')?.action, 'Again');
    results.revise([buildEvent({ vendor: 'axp', id: 'e1', changes: [{ field: 'x', old: 1, new: 2 }] }), buildEvent({ id: 'unknown' })]);
    assert.equal(results.get('axp:e1')?.changes.length, 1);
    assert.equal(results.events.length, 3);
    results.reset(2);
    assert.equal(results.events.length, 0);
    assert.equal(results.runId, 2);
  });
});
