import * as assert from 'node:assert/strict';
import type { AuditEvent } from '../../../src/core/model';
import { eventKey } from '../../../src/shared/protocol';
import type { LocalFilter } from '../../../src/shared/viewState';
import { COLUMN_IDS, FACET_FIELDS } from '../../../src/shared/viewState';
import { EventIndex } from '../../../src/webview/model/eventIndex';
import { computeFacets } from '../../../src/webview/model/facets';
import type { EventConnection } from '../../../src/webview/model/fields';
import { cellText, facetValue } from '../../../src/webview/model/fields';
import { addFilter, compileFilters, removeFilter, RowFilter } from '../../../src/webview/model/filters';
import { binWidth, chartRange, computeBins, dragToRange } from '../../../src/webview/model/histogram';
import { Results } from '../../../src/webview/model/results';
import { sortPositions } from '../../../src/webview/model/sort';
import { buildEvent, buildEvents } from '../../webview/eventBuilder';

/** The index of `events` and all their positions, as the panel holds them. */
function indexed(events: readonly AuditEvent[], connectionOf?: (at: number) => EventConnection): { index: EventIndex; all: number[] } {
  return { index: EventIndex.of(events, connectionOf), all: events.map((_, at) => at) };
}

/** Three connections, two of one name's label told apart by id (as `connectionNames` names them). */
const CONNECTIONS: EventConnection[] = [
  { id: 'descope-prod', name: 'Descope prod' },
  { id: 'descope-a', name: 'Descope (descope-a)' },
  { id: 'descope-b', name: 'Descope (descope-b)' },
];
const spread = (at: number) => CONNECTIONS[at % CONNECTIONS.length] as EventConnection;

function facetsOf(events: readonly AuditEvent[], fields: Parameters<typeof computeFacets>[2], topN: number) {
  const { index, all } = indexed(events);
  return computeFacets(index, all, fields, topN);
}

function filterEvents(events: readonly AuditEvent[], filters: readonly LocalFilter[], text: string): AuditEvent[] {
  const { index, all } = indexed(events);
  return all.filter(compileFilters(index, filters, text)).map((at) => events[at]);
}

function sortEvents(events: readonly AuditEvent[], column: Parameters<typeof sortPositions>[1], descending: boolean): AuditEvent[] {
  return sortPositions(EventIndex.of(events), column, descending).map((at) => events[at]);
}

describe('webview model: facets', () => {
  it('counts values, most frequent first, ties by value, capped at topN', () => {
    const events = [
      buildEvent({ id: '1', action: 'B' }), buildEvent({ id: '2', action: 'A' }), buildEvent({ id: '3', action: 'B' }),
      buildEvent({ id: '4', action: 'C' }), buildEvent({ id: '5', action: 'A' }), buildEvent({ id: '6', action: 'D' }),
    ];
    const [facet] = facetsOf(events, ['action'], 3);
    assert.deepEqual(facet.top, [{ value: 'A', count: 2 }, { value: 'B', count: 2 }, { value: 'C', count: 1 }]);
    assert.equal(facet.distinct, 4);
    assert.equal(facet.missing, 0);
  });

  it('counts events without a value as missing, not as a value', () => {
    const events = [buildEvent({ id: '1', traceId: 't1' }), buildEvent({ id: '2', traceId: null })];
    const [facet] = facetsOf(events, ['traceId'], 5);
    assert.deepEqual(facet.top, [{ value: 't1', count: 1 }]);
    assert.equal(facet.missing, 1);
  });
});

describe('webview model: local filters', () => {
  const events = buildEvents(60);

  it('includes on one field are alternatives; different fields must all match', () => {
    const shown = filterEvents(events, [
      { field: 'vendor', value: 'axp', exclude: false },
      { field: 'vendor', value: 'zluri', exclude: false },
      { field: 'status', value: 'failure', exclude: false },
    ], '');
    assert.ok(shown.length > 0);
    assert.ok(shown.every((e) => (e.vendor === 'axp' || e.vendor === 'zluri') && e.status === 'failure'));
    assert.equal(shown.length, events.filter((e) => (e.vendor === 'axp' || e.vendor === 'zluri') && e.status === 'failure').length);
  });

  it('excludes drop matching events and the text filter searches every column case-insensitively', () => {
    const shown = filterEvents(events, [{ field: 'actor', value: 'bob@example.com', exclude: true }], 'NUMBER 1');
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
    const { index, all } = indexed(events);
    const bins = computeBins(index, all, from, to, 60);
    assert.equal(bins.reduce((n, b) => n + b.count, 0), 600);
    assert.equal(bins.reduce((n, b) => n + b.failures, 0), events.filter((e) => e.status === 'failure').length);
    assert.ok(bins.every((b, i) => b.end - b.start === 60_000 && b.start % 60_000 === 0 && (i === 0 || b.start === bins[i - 1].end)));
    assert.ok(bins[0].start <= from && bins[bins.length - 1].end >= to);
    assert.equal(bins[bins.length - 1].end, to, '`to` is on a minute: the last bin ends there');
    assert.equal(bins[bins.length - 1].count, 11, 'the last minute\'s 10 events and the one exactly at `to`');
  });

  it('ends the last bin at a range end that falls on a bin boundary, with the event at the end in it', () => {
    const from = Date.parse('2025-12-04T10:00:00.000Z');
    const to = Date.parse('2025-12-04T12:00:00.000Z');
    const { index, all } = indexed([buildEvent({ time: '2025-12-04T12:00:00.000Z' }), buildEvent({ id: '2', time: '2025-12-04T10:00:00.000Z' })]);
    const bins = computeBins(index, all, from, to, 80);
    assert.equal(bins.length, 24, '2 hours of 5-minute bins');
    assert.equal(bins[0].start, from);
    assert.equal(bins[bins.length - 1].end, to);
    assert.deepEqual([bins[0].count, bins[bins.length - 1].count], [1, 1]);
    const offset = computeBins(index, all, from + 60_000, to + 60_000, 80);
    assert.equal(offset.length, 25, 'a range off the boundaries needs a bin more to cover both ends');
    assert.equal(offset[offset.length - 1].end, Date.parse('2025-12-04T12:05:00.000Z'));
  });

  it('ignores events outside the range and gives nothing for an empty range', () => {
    const events = [buildEvent({ time: '2025-12-04T10:00:00.000Z' }), buildEvent({ id: '2', time: '2025-12-05T10:00:00.000Z' })];
    const { index, all } = indexed(events);
    const bins = computeBins(index, all, Date.parse('2025-12-04T00:00:00Z'), Date.parse('2025-12-04T23:59:59Z'), 24);
    assert.equal(bins.reduce((n, b) => n + b.count, 0), 1);
    assert.deepEqual(computeBins(index, all, 5, 5, 10), []);
  });

  it('maps a drag in either direction to an ordered, clamped range', () => {
    const range = { from: 1000, to: 2000 };
    assert.deepEqual(dragToRange(range, 0.75, 0.25), { from: 1250, to: 1750 });
    assert.deepEqual(dragToRange(range, -0.5, 1.5), { from: 1000, to: 2000 });
  });

  it('charts the search range, or the events span when there is none', () => {
    const events = [buildEvent({ time: '2025-12-04T10:00:00.000Z' }), buildEvent({ id: '2', time: '2025-12-04T11:00:00.000Z' })];
    const { index, all } = indexed(events);
    assert.deepEqual(chartRange({ from: '2025-12-01T00:00:00.000Z', to: '2025-12-02T00:00:00.000Z' }, index, all), { from: Date.parse('2025-12-01T00:00:00.000Z'), to: Date.parse('2025-12-02T00:00:00.000Z') });
    assert.deepEqual(chartRange(null, index, all), { from: Date.parse('2025-12-04T10:00:00.000Z'), to: Date.parse('2025-12-04T11:00:00.000Z') });
    assert.equal(chartRange(null, index, [0]), null);
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
    results.add('c1', buildEvents(3));
    results.add('c1', [buildEvent({ vendor: 'perfecto', id: 'e0', action: 'Again' })]);
    assert.equal(results.events.length, 3);
    assert.equal(results.get(eventKey('c1', 'e0'))?.action, 'Again');
    results.revise('c1', [buildEvent({ vendor: 'axp', id: 'e1', changes: [{ field: 'x', old: 1, new: 2 }] }), buildEvent({ id: 'unknown' })]);
    results.revise('c2', [buildEvent({ vendor: 'axp', id: 'e2', changes: [{ field: 'x', old: 1, new: 2 }] })]);
    assert.equal(results.get(eventKey('c1', 'e1'))?.changes.length, 1);
    assert.equal(results.get(eventKey('c1', 'e2'))?.changes.length, 0, 'a revision names its connection');
    assert.equal(results.events.length, 3);
    results.reset(2);
    assert.equal(results.events.length, 0);
    assert.equal(results.runId, 2);
  });
});

describe('webview model: indexed filtering as the panel types', () => {
  const events = buildEvents(400);
  const { index, all } = indexed(events, spread);
  /** The definition: some column of the event contains the trimmed, lower-cased text. */
  const byDefinition = (source: readonly number[], text: string) => {
    const needle = text.trim().toLowerCase();
    // Every column but the connection's name (a label, not what the event says).
    return source.filter((at) => needle === '' || COLUMN_IDS.some((c) => c !== 'connection' && cellText(events[at], c, spread(at)).toLowerCase().includes(needle)));
  };

  it('narrows each keystroke from the last result and widens again on backspace, in source order', () => {
    const source = sortPositions(index, 'actor', false);
    const rows = new RowFilter();
    for (const text of ['e', 'ev', 'eve', 'event number 1', 'event number 12', 'event number 1', 'ev', '', 'ERIN', ' erin ', 'descope (', 'descope (descope-b)']) {
      assert.deepEqual(rows.run(index, source, [], text), byDefinition(source, text), `text "${text}"`);
    }
  });

  it('recomputes when the facet filters or the rows change, and returns the source itself when nothing filters', () => {
    const rows = new RowFilter();
    const failures: LocalFilter[] = [{ field: 'status', value: 'failure', exclude: false }];
    assert.equal(rows.run(index, all, [], ''), all);
    const narrowed = rows.run(index, all, failures, 'event');
    assert.deepEqual(narrowed, all.filter((at) => events[at].status === 'failure'));
    assert.deepEqual(rows.run(index, all, [], 'event'), all, 'dropping the facet filter widens');
    const reversed = [...all].reverse();
    assert.deepEqual(rows.run(index, reversed, [], 'event'), reversed, 'a new source is scanned whole');
  });

  it('never matches across two columns, and still matches a text that holds the column separator', () => {
    const tricky = [buildEvent({ id: 'x1', description: 'a\u0000b' }), buildEvent({ id: 'x2' })];
    const both = indexed(tricky);
    // time ends in ".983", vendor is "perfecto": together they would read "983\u0000perfecto".
    assert.deepEqual(both.all.filter(compileFilters(both.index, [], '983perfecto')), []);
    assert.deepEqual(both.all.filter(compileFilters(both.index, [], 'A\u0000B')), [0]);
    assert.deepEqual(both.all.filter(compileFilters(both.index, [], '983\u0000perfecto')), []);
  });

  it('keeps the index in step when an event is replaced or revised', () => {
    const results = new Results();
    results.reset(1);
    results.add('c1', [buildEvent({ id: 'a', description: 'first words' })]);
    results.add('c1', [buildEvent({ id: 'a', description: 'second words', status: 'failure' })]);
    const all1 = [0];
    assert.deepEqual(all1.filter(compileFilters(results.index, [], 'first')), []);
    assert.deepEqual(all1.filter(compileFilters(results.index, [], 'second')), [0]);
    results.revise('c1', [buildEvent({ id: 'a', description: 'third words', status: 'success' })]);
    assert.deepEqual(all1.filter(compileFilters(results.index, [{ field: 'status', value: 'success', exclude: false }], 'third')), [0]);
    assert.equal(results.position(eventKey('c1', 'a')), 0);
  });

  it('an include of a value no event has shows nothing; an exclude of one changes nothing', () => {
    assert.deepEqual(all.filter(compileFilters(index, [{ field: 'vendor', value: 'nobody', exclude: false }], '')), []);
    assert.deepEqual(all.filter(compileFilters(index, [{ field: 'vendor', value: 'nobody', exclude: true }], '')), all);
  });
});

describe('webview model: facets over interned values', () => {
  it('match counting every value and sorting them, for every field and cut-off', () => {
    const events = buildEvents(700).map((e, i) => (i % 13 === 0 ? { ...e, actor: { ...e.actor, name: null, id: null } } : e));
    const { index, all } = indexed(events, spread);
    const some = all.filter((at) => at % 4 !== 0);
    for (const topN of [0, 1, 3, 5, 50]) {
      for (const facet of computeFacets(index, some, FACET_FIELDS, topN)) {
        const counts = new Map<string, number>();
        let missing = 0;
        for (const at of some) {
          const value = facetValue(events[at], facet.field, spread(at));
          if (value === null) missing++;
          else counts.set(value, (counts.get(value) ?? 0) + 1);
        }
        const expected = [...counts].map(([value, count]) => ({ value, count }))
          .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)).slice(0, topN);
        assert.deepEqual(facet.top, expected, `${facet.field} top ${topN}`);
        assert.equal(facet.distinct, counts.size);
        assert.equal(facet.missing, missing);
      }
    }
  });
});
