import * as assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { writeChunks } from '../../../src/cli/output';
import { tableChunks } from '../../../src/cli/table';
import { EXPORT_FORMATS, formatEventChunks, formatEvents } from '../../../src/core/export/formats';
import { NO_CHANGES, type AuditEvent } from '../../../src/core/model';

/** Events whose text exercises every format's quoting: newlines, quotes, commas, formulas, nesting. */
function event(i: number): AuditEvent {
  return {
    vendor: 'perfecto', id: `ev-${i}`, time: new Date(Date.UTC(2025, 11, 4) - i * 1000).toISOString(),
    actor: { id: `u${i}`, name: i % 3 === 0 ? `=HYPERLINK("x",${i})` : `Amy "${i}", ops`, type: 'user', role: null },
    action: 'update', resource: { type: 'device', id: i % 2 ? `d${i}` : null, name: null },
    status: i % 5 === 0 ? 'failure' : 'success', description: i % 4 === 0 ? `two\nlines ${i}\t王` : null,
    traceId: i % 7 === 0 ? '4bf92f3577b34da6a3ce929d0e0e4736' : null,
    changes: i % 2 ? [{ field: 'name', old: 'a', new: { deep: [1, 'b\n', null] } }] : NO_CHANGES,
    raw: { _id: `ev-${i}`, _source: { nested: { list: [i, `x${i}`], empty: {} } } },
  };
}
const events = (n: number): AuditEvent[] => Array.from({ length: n }, (_, i) => event(i));

/** A real writable that takes its time and asks for 'drain' once 64 KB are waiting. */
function slowReader(): { stream: Writable; received: string[]; peakBuffered: () => number } {
  const received: string[] = [];
  let peak = 0;
  const stream = new Writable({
    highWaterMark: 64 * 1024,
    decodeStrings: false,
    write(chunk: string, _encoding, callback) {
      peak = Math.max(peak, stream.writableLength);
      received.push(chunk);
      setImmediate(callback);
    },
  });
  return { stream, received, peakBuffered: () => peak };
}

/** The whole table, as the CLI writes it piece by piece. */
const table = (events: readonly AuditEvent[], width: number): string => [...tableChunks(events, width)].join('');

describe('CLI output in pieces', () => {
  for (const format of EXPORT_FORMATS) {
    it(`${format}: the pieces join to exactly the text formatEvents makes, at any count`, () => {
      for (const n of [0, 1, 2, 999, 1000, 1001, 2500]) {
        const list = events(n);
        const chunks = [...formatEventChunks(list, format, { perChunk: 1000 })];
        assert.equal(chunks.join(''), formatEvents(list, format), `${n} events`);
        assert.equal(chunks.length, Math.max(1, Math.ceil(n / 1000)), `${n} events`);
      }
    });
  }

  it('json: an empty result is [] and pieces of one event keep the layout', () => {
    assert.equal([...formatEventChunks([], 'json')].join(''), '[]\n');
    assert.equal([...formatEventChunks(events(5), 'json', { perChunk: 1 })].join(''), `${JSON.stringify(events(5), null, 2)}\n`);
  });

  it('table: 200,000 events make one table in pieces, without overflowing the stack', () => {
    const many = events(200_000);
    const chunks = tableChunks(many, 160, { perChunk: 1000 });
    let pieces = 0;
    let lines = 0;
    let first = '';
    let last = '';
    for (const chunk of chunks) {
      if (pieces === 0) first = chunk;
      last = chunk;
      pieces++;
      lines += chunk.split('\n').length - 1;
    }
    assert.equal(pieces, 201);
    assert.equal(lines, 1 + 200_000 + 2);
    assert.match(first, /^TIME\s+VENDOR\s+ACTOR/);
    assert.equal(last, '\n200000 events\n');
  });

  it('table: the pieces join to the whole table', () => {
    for (const n of [0, 1, 7]) assert.equal([...tableChunks(events(n), 120, { perChunk: 3 })].join(''), table(events(n), 120));
  });

  it('writes piece by piece, waiting for drain, so the stream never holds more than a piece over its limit', async () => {
    const list = events(5000);
    const reader = slowReader();
    const chunks = [...formatEventChunks(list, 'json', { perChunk: 100 })];
    const largest = Math.max(...chunks.map((c) => c.length));
    await writeChunks(reader.stream, chunks);
    assert.equal(reader.received.length, 50);
    assert.equal(reader.received.join(''), formatEvents(list, 'json'));
    assert.ok(reader.peakBuffered() <= 64 * 1024 + largest, `peak ${reader.peakBuffered()} buffered, pieces up to ${largest}`);
    assert.ok(reader.peakBuffered() < formatEvents(list, 'json').length / 4, 'the whole output never waited in the stream');
  });

  it('builds the next piece only once the stream has room for it', async () => {
    const reader = slowReader();
    let made = 0;
    let mostAhead = 0;
    function* pieces(): Generator<string> {
      for (let i = 0; i < 40; i++) {
        made++;
        mostAhead = Math.max(mostAhead, made - reader.received.length);
        yield 'x'.repeat(40 * 1024);
      }
    }
    await writeChunks(reader.stream, pieces());
    assert.equal(reader.received.length, 40);
    assert.ok(mostAhead <= 3, `${mostAhead} pieces made before the reader took them`);
  });

  it('stops quietly when the reader goes away (EPIPE), and writes nothing more', async () => {
    let writes = 0;
    const stream = new Writable({
      write(_chunk, _encoding, callback) {
        writes++;
        const gone = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
        setImmediate(() => callback(writes === 2 ? gone : null));
      },
    });
    await writeChunks(stream, Array.from({ length: 100 }, () => 'y'.repeat(20_000)));
    assert.equal(writes, 2);
  });

  it('fails with a clear message when the stream fails otherwise', async () => {
    const stream = new Writable({
      write(_chunk, _encoding, callback) {
        setImmediate(() => callback(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' })));
      },
    });
    await assert.rejects(writeChunks(stream, ['a', 'b']), /^Error: standard output could not be written \(ENOSPC\)\.$/);
  });

  it('stops between pieces when told to, also while waiting for a reader that is not reading', async () => {
    const stop = new AbortController();
    let writes = 0;
    const stream = new Writable({
      highWaterMark: 1024,
      write(_chunk, _encoding, callback) {
        writes++;
        // The third piece is never taken: the writer waits for 'drain' until the signal comes.
        if (writes === 3) setTimeout(() => stop.abort(), 50);
        else setImmediate(callback);
      },
    });
    const outcome = await writeChunks(stream, Array.from({ length: 100 }, () => 'z'.repeat(4096)), stop.signal);
    assert.equal(outcome, 'stopped');
    assert.equal(writes, 3);
    assert.equal(await writeChunks(new Writable({ write: (_c, _e, callback) => callback() }), ['a', 'b'], new AbortController().signal), 'written');
  });
});
