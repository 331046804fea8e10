import * as assert from 'assert';
import fc from 'fast-check';
import { unclaimed, type Span } from '../../../src/extension/trace/spans';
import { CURSOR_WINDOW, cursorWindow, findTraceIds, normalizeTraceId, recognizedTraceId, traceIdAt } from '../../../src/extension/trace/traceIdPatterns';

const HEX32 = '2cb2986430cf420f97ce0a74e69ffd0f';

describe('extension: trace id detection', () => {
  it('finds a bare 32-hex id with its span', () => {
    const line = `ERROR request failed trace=${HEX32} after 3 retries`;
    const [match] = findTraceIds(line);
    assert.ok(match);
    assert.strictEqual(match.id, HEX32);
    assert.strictEqual(line.slice(match.start, match.end), HEX32);
  });

  it('takes the trace id out of a W3C traceparent', () => {
    const [match] = findTraceIds(`traceparent: 00-${HEX32.toUpperCase()}-b7ad6b7169203331-01`);
    assert.strictEqual(match?.shape, 'traceparent');
    assert.strictEqual(match?.id, HEX32);
  });

  it('finds UUIDs and AWS X-Ray ids', () => {
    const found = findTraceIds('req 123e4567-e89b-12d3-a456-426614174000 xray 1-5f84c7a6-6c1b2e3d4f5a6b7c8d9e0f1a');
    assert.deepStrictEqual(found.map((m) => m.shape), ['uuid', 'x-ray']);
    assert.strictEqual(found[1]?.id, '1-5f84c7a6-6c1b2e3d4f5a6b7c8d9e0f1a');
  });

  it('finds ids of other shapes only when a key names them', () => {
    assert.deepStrictEqual(findTraceIds('x-request-id: req_8f3kd92mx').map((m) => m.id), ['req_8f3kd92mx']);
    assert.deepStrictEqual(findTraceIds('user req_8f3kd92mx logged in'), []);
  });

  it('ignores git SHAs and longer hex runs', () => {
    assert.deepStrictEqual(findTraceIds('commit 4830ed1a9b2c3d4e5f60718293a4b5c6d7e8f901 merged'), []);
    assert.deepStrictEqual(findTraceIds(`x${HEX32}`), []);
  });

  it('finds the id under a cursor, including at its last character', () => {
    const line = `a ${HEX32} b`;
    assert.strictEqual(traceIdAt(line, 2)?.id, HEX32);
    assert.strictEqual(traceIdAt(line, 2 + 32)?.id, HEX32);
    assert.strictEqual(traceIdAt(line, 0), undefined);
  });

  it('normalizes selections: quotes, traceparent, other shapes; refuses prose', () => {
    assert.strictEqual(normalizeTraceId(` "${HEX32}" `), HEX32);
    assert.strictEqual(normalizeTraceId(`00-${HEX32}-b7ad6b7169203331-01`), HEX32);
    assert.strictEqual(normalizeTraceId('abc-123-xyz'), 'abc-123-xyz');
    assert.strictEqual(normalizeTraceId('two words'), undefined);
    assert.strictEqual(normalizeTraceId(''), undefined);
  });

  it('finds every embedded 32-hex id whatever surrounds it, without overlaps', () => {
    const hex = fc.stringMatching(/^[0-9a-f]{32}$/);
    const filler = fc.stringMatching(/^[ \t=:,;()[\]"']{1,5}$/);
    fc.assert(fc.property(fc.array(fc.tuple(filler, hex), { minLength: 1, maxLength: 5 }), (parts) => {
      const line = parts.map(([f, h]) => f + h).join('');
      const found = findTraceIds(line);
      assert.deepStrictEqual(found.map((m) => m.id), parts.map(([, h]) => h));
      for (let i = 1; i < found.length; i++) assert.ok((found[i - 1]?.end ?? 0) <= (found[i]?.start ?? 0));
    }));
  });

  it('resolves overlaps in one walk over the claimed spans, not a check per pair', () => {
    // Counts element reads: the old check compared every candidate with every claimed span.
    let reads = 0;
    const counted = <T>(items: T[]): T[] => new Proxy(items, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const n = 5_000;
    const claimed = Array.from({ length: n }, (_, i) => ({ start: i * 10, end: i * 10 + 4 }));
    const candidates = Array.from({ length: n }, (_, i) => ({ start: i * 10 + (i % 2 === 0 ? 2 : 5), end: i * 10 + 8 }));
    const kept = unclaimed(counted(candidates), counted(claimed));
    assert.strictEqual(kept.length, n / 2);
    assert.ok(kept.every((c) => c.start % 10 === 5));
    assert.ok(reads <= 2 * (claimed.length + candidates.length) + 2, `${reads} reads for ${n} + ${n} spans`);
  });

  it('keeps exactly the candidates that overlap no claimed span (against a check per pair)', () => {
    const sortedSpans = fc.array(fc.tuple(fc.nat(20), fc.integer({ min: 1, max: 20 })), { maxLength: 30 }).map((steps) => {
      let at = 0;
      return steps.map(([gap, length]): Span => {
        const span = { start: at + gap, end: at + gap + length };
        at = span.end;
        return span;
      });
    });
    fc.assert(fc.property(sortedSpans, sortedSpans, (candidates, claimed) => {
      const expected = candidates.filter((c) => !claimed.some((s) => c.start < s.end && s.start < c.end));
      assert.deepStrictEqual(unclaimed(candidates, claimed), expected);
    }));
  });

  it('finds the id under a cursor in a 1 MB line by scanning only a window around the cursor', () => {
    const filler = 'x'.repeat(500_000);
    const line = `${HEX32} ${filler} trace_id=${HEX32.slice(0, 16)} ${filler} 1-5f84c7a6-6c1b2e3d4f5a6b7c8d9e0f1a`;
    const labelled = line.indexOf('trace_id=') + 'trace_id='.length;
    const scanned = cursorWindow(line, labelled + 3);
    assert.strictEqual(scanned.text.length, 2 * CURSOR_WINDOW);
    assert.strictEqual(line.slice(scanned.from, scanned.from + scanned.text.length), scanned.text);
    assert.deepStrictEqual(traceIdAt(line, labelled + 3), { id: HEX32.slice(0, 16), start: labelled, end: labelled + 16, shape: 'labelled' });
    assert.strictEqual(traceIdAt(line, 5)?.id, HEX32);
    assert.strictEqual(traceIdAt(line, line.length - 1)?.shape, 'x-ray');
    assert.strictEqual(traceIdAt(line, labelled - 200), undefined);
  });

  it('sees ids right after an ANSI colour code', () => {
    const coloured = `\x1b[32m${HEX32}\x1b[0m`;
    assert.deepStrictEqual(findTraceIds(coloured).map((m) => [m.id, coloured.slice(m.start, m.end)]), [[HEX32, HEX32]]);
    assert.deepStrictEqual(findTraceIds('\x1b[1;34mtrace_id=abc123xyz').map((m) => m.id), ['abc123xyz']);
    assert.deepStrictEqual(findTraceIds(`\x1b[0;1m00-${HEX32}-b7ad6b7169203331-01\x1b[0m`).map((m) => m.shape), ['traceparent']);
    // A letter that is not the end of an escape sequence still joins the id to a longer word.
    assert.deepStrictEqual(findTraceIds(`[32m${HEX32}`), []);
  });

  it('leaves the sentence\'s trailing ".", ":" or "-" out of a labelled id', () => {
    assert.deepStrictEqual(findTraceIds('request_id: req-abc12345.').map((m) => m.id), ['req-abc12345']);
    assert.deepStrictEqual(findTraceIds('trace_id=abc12345: failed').map((m) => m.id), ['abc12345']);
    assert.deepStrictEqual(findTraceIds('correlation-id=abc-12345-').map((m) => m.id), ['abc-12345']);
    assert.deepStrictEqual(findTraceIds('traceId=svc.v2:abc_123.').map((m) => m.id), ['svc.v2:abc_123']);
  });

  it('rejects ids that name no trace: all zeros, traceparent version ff, a labelled timestamp', () => {
    const zeros = '0'.repeat(32);
    assert.deepStrictEqual(findTraceIds(`a ${zeros} b`), []);
    assert.deepStrictEqual(findTraceIds('a 00000000-0000-0000-0000-000000000000 b'), []);
    assert.deepStrictEqual(findTraceIds(`traceparent: 00-${zeros}-b7ad6b7169203331-01`), []);
    assert.deepStrictEqual(findTraceIds('trace_id=00000000-0000-0000-0000-000000000000'), []);
    // Nor does the 32 hex inside a forbidden traceparent become a link of its own.
    assert.deepStrictEqual(findTraceIds(`traceparent: ff-${HEX32}-b7ad6b7169203331-01`), []);
    assert.deepStrictEqual(findTraceIds(`traceparent: FF-${HEX32}-b7ad6b7169203331-01`), []);
    assert.deepStrictEqual(findTraceIds('requestId=2025-12-01T10:00:00Z'), []);
    assert.deepStrictEqual(findTraceIds('trace_id=2025-12-01 10:00'), []);
    assert.deepStrictEqual(findTraceIds('requestId=2025-12-01T10:00:00.123Z'), []);
    // Near misses still link: an MD5, a version other than ff, an id that merely starts with digits.
    assert.deepStrictEqual(findTraceIds('md5 9e107d9d372bb6826bd81d3542a419d6').map((m) => m.shape), ['hex32']);
    assert.deepStrictEqual(findTraceIds(`fe-${HEX32}-b7ad6b7169203331-01`).map((m) => m.id), [HEX32]);
    assert.deepStrictEqual(findTraceIds('requestId=2025-12-01-abc').map((m) => m.id), ['2025-12-01-abc']);
  });

  it('recognizes only trace-id shapes in a selection; a typed value may be any id-like word', () => {
    assert.strictEqual(recognizedTraceId('error'), undefined);
    assert.strictEqual(recognizedTraceId('req_8f3kd92mx'), undefined);
    assert.strictEqual(recognizedTraceId('x-request-id: req_8f3kd92mx'), 'req_8f3kd92mx');
    assert.strictEqual(recognizedTraceId(`"${HEX32}",`), HEX32);
    assert.strictEqual(recognizedTraceId('1-5f84c7a6-6c1b2e3d4f5a6b7c8d9e0f1a'), '1-5f84c7a6-6c1b2e3d4f5a6b7c8d9e0f1a');
    assert.strictEqual(normalizeTraceId('req_8f3kd92mx'), 'req_8f3kd92mx');
  });
});
