import * as assert from 'assert';
import fc from 'fast-check';
import { findTraceIds, normalizeTraceId, traceIdAt } from '../../../src/extension/trace/traceIdPatterns';

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
});
