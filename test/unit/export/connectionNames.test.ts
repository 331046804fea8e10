import * as assert from 'node:assert/strict';
import { formatEventChunks, formatEvents, toCsv, toJson, toNdjson } from '../../../src/core/export/formats';
import type { AuditEvent } from '../../../src/core/model';
import type { SearchUpdate } from '../../../src/core/search/types';
import { formatRows, toMarkdown } from '../../../src/extension/panel/copyFormats';
import { exportRows } from '../../../src/extension/panel/exportRows';
import { SearchRun } from '../../../src/extension/panel/searchRun';
import { connectionNames } from '../../../src/shared/connectionNames';
import { buildEvent } from '../../webview/eventBuilder';

const events = [
  buildEvent({ vendor: 'descope', id: 'a', action: 'Login', traceId: 't1' }),
  buildEvent({ vendor: 'descope', id: 'a', action: 'Logout', description: 'x | y' }),
];
const connections = ['Descope prod', '=Descope "staging", eu'];

describe('exports and copies with the connection of each event', () => {
  it('CSV: a connection column after vendor only when names are given, quoted and formula-guarded', () => {
    const header = (csv: string) => csv.slice(0, csv.indexOf('\n'));
    assert.match(header(toCsv(events)), /^time,vendor,id,actor\.id,/, 'the CLI contract is unchanged');
    const csv = toCsv(events, { connections });
    assert.match(header(csv), /^time,vendor,connection,id,actor\.id,/);
    const lines = csv.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.ok(lines[1].startsWith(`${events[0].time},descope,Descope prod,a,u-1,`), lines[1]);
    assert.ok(lines[2].startsWith(`${events[1].time},descope,"'=Descope ""staging"", eu",a,u-1,`), lines[2]);
  });

  it('JSON and NDJSON: a connection field right after vendor, the event otherwise as it was', () => {
    const json = JSON.parse(toJson(events, connections)) as Record<string, unknown>[];
    assert.deepEqual(json.map((e) => Object.keys(e).slice(0, 3)), [['vendor', 'connection', 'id'], ['vendor', 'connection', 'id']]);
    assert.deepEqual(json.map(({ connection, ...rest }) => [connection, rest]), events.map((e, at) => [connections[at], e]));
    const lines = toNdjson(events, connections).trimEnd().split('\n').map((line) => JSON.parse(line) as { connection: string });
    assert.deepEqual(lines.map((l) => l.connection), connections);
    assert.ok(!('connection' in (JSON.parse(toJson(events)) as object[])[0]), 'without names, no field');
  });

  it('formatEvents passes the names to every format; the CLI pieces stay without them', () => {
    for (const format of ['csv', 'json', 'ndjson'] as const) {
      assert.ok(formatEvents(events, format, connections).includes('Descope prod'), format);
      assert.ok(!formatEvents(events, format).includes('connection'), format);
      assert.equal([...formatEventChunks(events, format, { perChunk: 1 })].join(''), formatEvents(events, format), format);
    }
  });

  it('refuses names that do not line up with the events', () => {
    assert.throws(() => toCsv(events, { connections: ['one'] }), /1 connection names for 2 events/);
    assert.throws(() => toJson(events, []), RangeError);
    assert.throws(() => toMarkdown(events, ['a', 'b', 'c']), /3 connection names for 2 events/);
  });

  it('Markdown: a Connection column after Vendor when names are given, escaped like every cell', () => {
    const withNames = toMarkdown(events, ['prod | eu', 'staging']).trim().split('\n');
    assert.equal(withNames[0], '| Time | Vendor | Connection | Actor | Action | Resource | Status | Description | Trace id |');
    assert.equal(withNames[1].split('---').length - 1, 9);
    assert.ok(withNames[2].startsWith(`| ${events[0].time} | descope | prod \\| eu | bob@example.com | Login |`));
    assert.ok(withNames[3].includes('| staging |') && withNames[3].includes('x \\| y'));
    assert.equal(toMarkdown(events).split('\n')[0], '| Time | Vendor | Actor | Action | Resource | Status | Description | Trace id |');
  });

  it('copies from the panel name the connection in every format', () => {
    for (const format of ['json', 'csv', 'markdown'] as const) {
      const text = formatRows(events, format, connections);
      assert.ok(text.includes('Descope prod') && text.includes('staging'), format);
    }
  });

  it('a panel export lists a run\'s events newest first, each named by its own connection (ids repeat across connections)', async () => {
    const at = (minute: number) => `2025-12-04T11:${String(minute).padStart(2, '0')}:00.000Z`;
    const page = (connectionId: string, events: AuditEvent[]): SearchUpdate => ({
      kind: 'page', connectionId, vendor: 'descope', events, revised: [], warnings: [], progress: { pages: 1, events: events.length },
    });
    async function* updates(): AsyncGenerator<SearchUpdate, void, undefined> {
      yield page('descope-prod', [buildEvent({ vendor: 'descope', id: '1', time: at(10), action: 'prod 1' }), buildEvent({ vendor: 'descope', id: '2', time: at(30), action: 'prod 2' })]);
      yield page('descope-staging', [buildEvent({ vendor: 'descope', id: '1', time: at(20), action: 'staging 1' }), buildEvent({ vendor: 'descope', id: '3', time: at(30), action: 'staging 3' })]);
    }
    const run = new SearchRun(updates(), new AbortController(), { runId: 1, pageTarget: 100, connectionLabel: String, describeError: String, post: () => undefined });
    await run.fetchAll();
    const names = connectionNames([{ id: 'descope-prod', label: 'Descope' }, { id: 'descope-staging', label: 'Descope' }]);
    const { events, connections } = exportRows(run, (id) => names.get(id) ?? id);
    assert.deepEqual(events.map((e) => e.action), ['prod 2', 'staging 3', 'staging 1', 'prod 1'], 'newest first, ties in arrival order');
    assert.deepEqual(connections, ['Descope (descope-prod)', 'Descope (descope-staging)', 'Descope (descope-staging)', 'Descope (descope-prod)']);
    const lines = formatEvents(events, 'ndjson', connections).trimEnd().split('\n').map((line) => JSON.parse(line) as { connection: string; action: string });
    assert.deepEqual(lines.map((l) => `${l.connection}: ${l.action}`), events.map((e, i) => `${connections[i]}: ${e.action}`));
  });
});
