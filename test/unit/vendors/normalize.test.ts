import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { NO_CHANGES, type AuditEvent, type FieldChange } from '../../../src/core/model';
import { decodeValue } from '../../../src/core/vendors/surfsight/changes';
import { contentHash, htmlToText, normalizeRecords, retainedList, sameJson, stableStringify, toIsoTime } from '../../../src/core/vendors/normalize';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 300) * 10;

/** Reverses the key order of every object, arrays kept in order. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reordered(item)]));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

describe('normalize helpers (fast paths agree with the plain definitions)', () => {
  it('contentHash: the SHA-256 of the key-sorted JSON, whatever the key order', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const id = contentHash(value);
      assert.match(id, /^[0-9a-f]{32}$/);
      assert.equal(contentHash(reordered(value)), id);
      // Objects with integer-like keys print those first in JavaScript; everything else hashes its stable text.
      if (!/"(0|[1-9]\d*)":/.test(JSON.stringify(value))) {
        assert.equal(id, createHash('sha256').update(stableStringify(value)).digest('hex').slice(0, 32));
      }
    }), { numRuns: FUZZ_RUNS });
    assert.notEqual(contentHash({ a: 1, b: [1, 2] }), contentHash({ a: 1, b: [2, 1] }));
    assert.notEqual(contentHash({ a: '1' }), contentHash({ a: 1 }));
    assert.notEqual(contentHash(JSON.parse('{"__proto__":{"x":1}}')), contentHash({}));
  });

  it('sameJson: equal exactly when stableStringify prints equal, holes, undefined and NaN included', () => {
    const anything = fc.anything({ withSparseArray: true, withBoxedValues: true, withMap: true, withSet: true, withDate: true });
    for (const values of [fc.jsonValue(), anything]) {
      fc.assert(fc.property(values, values, (a, b) => {
        assert.equal(sameJson(a, b), stableStringify(a) === stableStringify(b));
        assert.equal(sameJson(a, reordered(a)), stableStringify(a) === stableStringify(reordered(a)));
      }), { numRuns: FUZZ_RUNS });
    }
    const hole: unknown[] = [];
    hole.length = 1;
    assert.equal(sameJson(hole, []), true); // `[,]` prints as `[]`
    assert.equal(sameJson([undefined], []), false);
    assert.equal(sameJson([undefined], [null]), true);
    assert.equal(sameJson({ a: NaN }, { a: null }), true);
    assert.equal(sameJson({ a: 1 }, { a: 1, b: undefined }), false);
  });

  it('htmlToText: the same text as stripping tags, decoding entities and tidying spaces step by step', () => {
    const plain = (html: string): string => html.replace(/<[^>]*>/g, '')
      .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => ENTITIES[name] ?? '')
      .replace(/\s+/g, ' ').trim();
    const piece = fc.oneof(
      fc.constantFrom('<', '>', '&', ';', 'nbsp', ' ', '  ', '\n', '\t', '\u00a0', '\u2028', '<b>', '</b>', '&amp;', '&nbsp;', '&lt;b&gt;', 'Wei Chen'),
      fc.string(),
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
      const html = parts.join('');
      assert.equal(htmlToText(html), plain(html));
    }), { numRuns: FUZZ_RUNS });
    assert.equal(htmlToText('<b>Wei Chen</b> was marked for offboarding'), 'Wei Chen was marked for offboarding');
  });

  it('decodeValue: what JSON.parse makes of the trimmed text, else the text itself', () => {
    const parsedOrText = (value: unknown): unknown => {
      if (value === undefined || value === null) return null;
      if (typeof value !== 'string') return value;
      const text = value.trim();
      if (text === '') return null;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return value;
      }
    };
    const piece = fc.oneof(fc.constantFrom('-', '0', '00', '1', '.', 'e', '+', 'true', 'false', 'null', 'nul', ' ', '\n', '{', '}', '"', '[', ']', 'ROUTER-5.2.1', 'Infinity', '0x1'), fc.string());
    const values = fc.oneof(fc.array(piece, { maxLength: 6 }).map((parts) => parts.join('')), fc.json(), fc.double().map(String), fc.anything());
    fc.assert(fc.property(values, (value) => {
      assert.deepStrictEqual(decodeValue(value), parsedOrText(value));
    }), { numRuns: FUZZ_RUNS });
  });

  it('toIsoTime gives the same answer when asked twice in a row, and for each of two alternating values', () => {
    for (const value of ['1766208251396', ' 1766208251396 ', 1766208251396, 'not a time', '2025-12-04T11:17:24.983+00:00', undefined]) {
      const first = toIsoTime(value);
      assert.equal(toIsoTime(value), first);
      assert.equal(toIsoTime('1700000000000'), '2023-11-14T22:13:20.000Z');
      assert.equal(toIsoTime(value), first);
    }
    assert.equal(toIsoTime('1766208251396'), '2025-12-20T05:24:11.396Z');
    assert.equal(toIsoTime('99999999999999999'), null);
  });
});

describe('change lists kept on events', () => {
  it('share one frozen empty list, and keep others as equal copies', () => {
    assert.equal(retainedList([]), NO_CHANGES);
    assert.throws(() => (NO_CHANGES as FieldChange[]).push({ field: 'x', old: null, new: 1 }), TypeError);
    assert.equal(NO_CHANGES.length, 0);
    const built: FieldChange[] = [{ field: 'name', old: 'a', new: 'b' }];
    const kept = retainedList(built);
    assert.notEqual(kept, built);
    assert.deepEqual(kept, built);
  });
});

describe('normalizeRecords', () => {
  const schema = z.looseObject({ id: z.string().check(z.minLength(1)), n: z.optional(z.number()) });
  const toEvent = (record: { id: string }, raw: Record<string, unknown>): AuditEvent => ({
    vendor: 'zluri', id: record.id, time: '2025-01-01T00:00:00.000Z', actor: { id: null, name: null, type: null, role: null },
    action: 'valid', resource: { type: null, id: null, name: null }, status: null, description: null, traceId: null, changes: [], raw,
  });
  const salvage = (raw: Record<string, unknown>): AuditEvent => ({ ...toEvent({ id: 'salvaged' }, raw), action: 'salvaged' });

  it('hands each valid record to the adapter as received, and salvages each invalid one with zod\'s message', () => {
    const records: unknown[] = [{ id: 'a', extra: { kept: true } }, { id: '', n: 1 }, { id: 'c', n: 'x' }, 'text', { id: 'e' }];
    const { events, warnings } = normalizeRecords('zluri', records, schema, toEvent, salvage);
    assert.deepEqual(events.map((event) => event.action), ['valid', 'salvaged', 'salvaged', 'salvaged', 'valid']);
    assert.equal(events[0]?.raw, records[0]); // the same object: no copy
    assert.equal(events[4]?.raw, records[4]);
    assert.deepEqual(events[3]?.raw, { value: 'text' });
    assert.deepEqual(warnings.map((warning) => warning.message), [
      `zluri record salvaged: id: ${schema.safeParse(records[1]).error?.issues[0]?.message}`,
      `zluri record salvaged: n: ${schema.safeParse(records[2]).error?.issues[0]?.message}`,
      `zluri record salvaged: record: ${schema.safeParse(records[3]).error?.issues[0]?.message}`,
    ]);
  });

  it('accepts and refuses exactly what the schema\'s own safeParse does', () => {
    fc.assert(fc.property(fc.array(fc.anything()), (records) => {
      const { events } = normalizeRecords('zluri', records, schema, toEvent, salvage);
      assert.deepEqual(events.map((event) => event.action), records.map((record) => (schema.safeParse(record).success ? 'valid' : 'salvaged')));
    }), { numRuns: FUZZ_RUNS });
  });
});
