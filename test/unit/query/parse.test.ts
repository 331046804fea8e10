import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isAuditLensError } from '../../../src/core/errors';
import { formatQuickSearch, parseQuickSearch, QueryParseError } from '../../../src/core/query/parse';
import { resolveQuery } from '../../../src/core/query/resolve';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 300);

function parseError(text: string): QueryParseError {
  try {
    parseQuickSearch(text);
  } catch (error) {
    assert.ok(error instanceof QueryParseError, `expected QueryParseError, got ${String(error)}`);
    return error;
  }
  assert.fail(`"${text}" parsed without an error`);
}

describe('quick-search parser', () => {
  it('parses the example from DESIGN.md', () => {
    const parsed = parseQuickSearch('actor:bob@example.com action:"Update User" status:failure resource:user/z-audit-23 trace:2cb2986430cf420f97ce0a74e69ffd0f free text');
    assert.deepEqual(parsed, {
      filters: {
        actor: 'bob@example.com', action: 'Update User', status: 'failure', resourceType: 'user',
        resourceId: 'z-audit-23', traceId: '2cb2986430cf420f97ce0a74e69ffd0f', text: 'free text',
      },
    });
  });

  it('keeps slashes after the first in resource ids and accepts a type alone', () => {
    assert.deepEqual(parseQuickSearch('resource:directory/testDir/subTestDir').filters, { resourceType: 'directory', resourceId: 'testDir/subTestDir' });
    assert.deepEqual(parseQuickSearch('resource:device').filters, { resourceType: 'device' });
  });

  it('reads since, from and to', () => {
    assert.equal(parseQuickSearch('since:15m').since, '15m');
    const range = parseQuickSearch('from:2025-12-01 to:2025-12-02T10:00:00Z');
    assert.equal(range.from, '2025-12-01');
    assert.equal(range.to, '2025-12-02T10:00:00Z');
  });

  it('unescapes quoted values and keeps quoted text with colons as text', () => {
    assert.equal(parseQuickSearch('action:"say \\"hi\\""').filters.action, 'say "hi"');
    assert.equal(parseQuickSearch('"http://example.com/x"').filters.text, 'http://example.com/x');
  });

  it('points at an unknown key', () => {
    const error = parseError('actor:bob colour:red');
    assert.equal(error.position, 10);
    assert.match(error.message, /Unknown key "colour" at column 11/);
  });

  it('points at a bad status value and an empty value', () => {
    assert.equal(parseError('status:maybe').position, 7);
    assert.equal(parseError('actor: bob').position, 6);
  });

  it('points at an unclosed quote', () => {
    const error = parseError('action:"Update User');
    assert.equal(error.position, 7);
    assert.match(error.message, /never closed/);
  });

  it('refuses bad durations and dates, duplicates, and since with from', () => {
    assert.equal(parseError('since:24x').position, 6);
    assert.equal(parseError('from:yesterday').position, 5);
    assert.equal(parseError('actor:a actor:b').position, 8);
    assert.match(parseError('since:1h from:2025-01-01').message, /either/);
  });

  it('reads an address in the text as words, not as a key', () => {
    assert.deepEqual(parseQuickSearch('see https://example.com/a?b=c actor:bob'), { filters: { actor: 'bob', text: 'see https://example.com/a?b=c' } });
  });

  it('refuses days that do not exist, and durations of nothing or of millennia, instead of rolling them over', () => {
    for (const date of ['2025-02-30', '2025-13-01', '2025-04-31T10:00:00Z', '2025-12-01T24:00', '2025-12-01T10:60']) {
      assert.match(parseError(`from:${date}`).message, /with a day that exists/, date);
    }
    assert.deepEqual(parseQuickSearch('from:2024-02-29 to:2024-12-31T23:59:59.999Z'), { filters: {}, from: '2024-02-29', to: '2024-12-31T23:59:59.999Z', valueAt: { from: 5, to: 19 } });
    assert.match(parseError('since:0d').message, /longer than zero/);
    assert.match(parseError('since:99999999999d').message, /at most 100 years/);
    assert.deepEqual(parseQuickSearch('since:36500d'), { filters: {}, since: '36500d' });
  });

  it('is a usage error, so the CLI exits 2', () => {
    assert.equal(parseError('nope:1').reason, 'usage');
  });

  it('never throws anything but a QueryParseError (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
      try {
        parseQuickSearch(text);
      } catch (error) {
        return error instanceof QueryParseError && error.position >= 0 && error.position <= text.length;
      }
      return true;
    }), { numRuns: FUZZ_RUNS });
  });

  it('quotes with double quotes only: refuses a value or word that starts with a single quote, pointing at it', () => {
    const keyed = parseError("action:'Delete User'");
    assert.equal(keyed.position, 7);
    assert.match(keyed.message, /^Use double quotes: the ' at column 8 does not quote, e\.g\. action:"Delete User"/);
    assert.equal(parseError("actor:bob 'two words'").position, 10);
    // An apostrophe inside a word is just a character; a leading one can be searched for in double quotes.
    assert.deepEqual(parseQuickSearch("actor:o'brien it's").filters, { actor: "o'brien", text: "it's" });
    assert.deepEqual(parseQuickSearch(`action:"'quoted'"`).filters, { action: "'quoted'" });
    assert.equal(formatQuickSearch({ filters: { action: "'x", text: "'y" } }), `action:"'x" "'y"`);
  });

  it('quotes a value that starts with // so that key: is not read as an address', () => {
    assert.equal(formatQuickSearch({ filters: { actor: '//#', resourceType: '//x' } }), 'actor:"//#" resource:"//x"');
    assert.deepEqual(parseQuickSearch('actor:"//#"').filters, { actor: '//#' });
  });

  it('quotes from: and to: values with a space, so a date and time stay one value', () => {
    const parsed = parseQuickSearch('from:"2025-12-01 10:00" to:2025-12-02');
    assert.equal(formatQuickSearch(parsed), 'from:"2025-12-01 10:00" to:2025-12-02');
    assert.deepEqual(parseQuickSearch(formatQuickSearch(parsed)), parsed);
  });

  it('refuses text glued to a closing quote instead of splitting it into a second word', () => {
    assert.throws(() => parseQuickSearch('actor:"bob"smith'), (error: QueryParseError) => error.position === 11 && /space after the closing quote at column 11/.test(error.message));
    assert.deepEqual(parseQuickSearch('actor:"bob" smith').filters, { actor: 'bob', text: 'smith' });
  });

  it('keeps a backslash that escapes neither a quote nor a backslash', () => {
    assert.deepEqual(parseQuickSearch(String.raw`"C:\logs\a\n"`).filters, { text: String.raw`C:\logs\a\n` });
    assert.deepEqual(parseQuickSearch(String.raw`"C:\\logs"`).filters, { text: String.raw`C:\logs` });
    assert.deepEqual(parseQuickSearch(String.raw`actor:"say \"hi\""`).filters, { actor: 'say "hi"' });
  });

  it('points at since: itself when it meets from:, even after a quoted "since:"', () => {
    const text = 'actor:"since: x" since:1h from:2025-12-01';
    assert.throws(() => parseQuickSearch(text), (error: QueryParseError) => error.position === text.indexOf('since:1h'));
  });

  it('reads since: units in either case, and pasted times with long fractions or an hours-only offset', () => {
    const now = Date.parse('2025-12-04T12:00:00.000Z');
    assert.equal(resolveQuery(parseQuickSearch('since:24H'), { now, defaultSince: '7d' }).from, '2025-12-03T12:00:00.000Z');
    assert.throws(() => parseQuickSearch('since:6M'), /"since:" takes a duration like 15m, 24h or 7d, not "6M"/, 'M could be read as months');
    const range = resolveQuery(parseQuickSearch('from:2025-12-01T10:00:00.123456Z to:2025-12-01T18:00:00+05'), { now, defaultSince: '7d' });
    assert.equal(range.from, '2025-12-01T10:00:00.123Z');
    assert.equal(range.to, '2025-12-01T13:00:00.000Z');
  });

  it('points range errors found after parsing at the value at fault', () => {
    const now = Date.parse('2025-12-20T12:00:00.000Z');
    const positionOf = (text: string): number | undefined => {
      try {
        resolveQuery(parseQuickSearch(text), { now, defaultSince: '7d' });
      } catch (error) {
        return error instanceof QueryParseError ? error.position : undefined;
      }
      return undefined;
    };
    assert.equal(positionOf('actor:ann to:2025-12-02 from:2025-12-03'), 'actor:ann to:2025-12-02 from:'.length);
    assert.equal(positionOf('status:failure from:2026-01-01'), 'status:failure from:'.length);
    assert.equal(positionOf('from:2025-12-01T10:00:00Z to:2025-12-01T10:00:00Z'), 'from:2025-12-01T10:00:00Z to:'.length);
  });

  it('says a from: in the future without to: is in the future, not that the two should be swapped', () => {
    const now = Date.parse('2025-12-04T12:00:00.000Z');
    assert.throws(() => resolveQuery(parseQuickSearch('from:2026-01-01'), { now, defaultSince: '7d' }), /is in the future, so nothing can be found yet/);
    assert.throws(() => resolveQuery(parseQuickSearch('from:2025-12-03 to:2025-12-02'), { now, defaultSince: '7d' }), /Swap them/);
  });

  it('round-trips through formatQuickSearch (property)', () => {
    const value = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s !== '');
    fc.assert(fc.property(
      fc.record({ actor: value, action: value, traceId: value, text: value }, { requiredKeys: [] }),
      (filters) => {
        const parsed = { filters };
        const again = parseQuickSearch(formatQuickSearch(parsed));
        assert.deepEqual(again.filters, Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)));
      },
    ), { numRuns: FUZZ_RUNS });
  });
});

describe('query resolution', () => {
  const now = Date.parse('2025-12-04T12:00:00.000Z');

  it('resolves since back from now', () => {
    const query = resolveQuery(parseQuickSearch('since:24h actor:bob'), { now, defaultSince: '7d' });
    assert.equal(query.from, '2025-12-03T12:00:00.000Z');
    assert.equal(query.to, '2025-12-04T12:00:00.000Z');
    assert.equal(query.actor, 'bob');
  });

  it('uses the default range and treats a bare "to" date as the whole day', () => {
    assert.equal(resolveQuery(parseQuickSearch(''), { now, defaultSince: '7d' }).from, '2025-11-27T12:00:00.000Z');
    const query = resolveQuery(parseQuickSearch('from:2025-12-01 to:2025-12-02'), { now, defaultSince: '24h' });
    assert.equal(query.from, '2025-12-01T00:00:00.000Z');
    assert.equal(query.to, '2025-12-02T23:59:59.999Z');
  });

  it('refuses a range that ends before it starts', () => {
    assert.throws(() => resolveQuery(parseQuickSearch('from:2025-12-03 to:2025-12-01'), { now, defaultSince: '24h' }),
      (error: unknown) => isAuditLensError(error) && /Swap them/.test(error.message));
  });

  it('refuses a range of one instant (Zluri would answer 400), and keeps a bare date\'s whole day', () => {
    assert.throws(() => resolveQuery(parseQuickSearch('from:2025-12-01T10:00:00Z to:2025-12-01T10:00:00Z'), { now, defaultSince: '24h' }),
      (error: unknown) => isAuditLensError(error) && /same instant \(2025-12-01T10:00:00\.000Z\), so the range holds nothing\. Make "to" later\./.test(error.message));
    const day = resolveQuery(parseQuickSearch('from:2025-12-01 to:2025-12-01'), { now, defaultSince: '24h' });
    assert.deepEqual([day.from, day.to], ['2025-12-01T00:00:00.000Z', '2025-12-01T23:59:59.999Z']);
  });

  it('refuses a query over 10,000 characters at the limit, saying how long it is', () => {
    assert.doesNotThrow(() => parseQuickSearch('a'.repeat(10_000)));
    const error = parseError('a'.repeat(10_001));
    assert.equal(error.position, 10_000);
    assert.match(error.message, /^A query can be at most 10,000 characters; this one has 10,001\. Shorten it\.$/);
  });
});
