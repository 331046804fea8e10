import * as assert from 'assert';
import { MAX_RECENT_QUERY, RECENT_LIMIT, readRecent, withRecent, type RecentSearch } from '../../../src/extension/savedSearches/recentList';

const recent = (query: string, at: number): RecentSearch => ({ query, scope: 'all', at });

describe('extension: recent searches', () => {
  it('keeps the valid entries when one stored entry is odd', () => {
    const stored = [recent('a', 3), { query: 'b', scope: 'all', at: 'yesterday' }, null, recent('c', 1)];
    assert.deepStrictEqual(readRecent(stored), [recent('a', 3), recent('c', 1)]);
  });

  it('reads anything but a list as no recent searches', () => {
    assert.deepStrictEqual(readRecent({ query: 'a' }), []);
    assert.deepStrictEqual(readRecent(undefined), []);
  });

  it('keeps the good entries when the next search is recorded after an odd one', () => {
    const stored = [recent('a', 2), { query: 42 }, recent('b', 1)];
    assert.deepStrictEqual(withRecent(readRecent(stored), recent('new', 3))?.map((r) => r.query), ['new', 'a', 'b']);
  });

  it('puts a search run again first, once, and keeps at most the limit', () => {
    const many = Array.from({ length: RECENT_LIMIT }, (_, i) => recent(`q${i}`, RECENT_LIMIT - i));
    const next = withRecent(many, recent('q5', 100));
    assert.strictEqual(next?.length, RECENT_LIMIT);
    assert.deepStrictEqual(next?.slice(0, 2).map((r) => r.query), ['q5', 'q0']);
    assert.strictEqual(next?.filter((r) => r.query === 'q5').length, 1);
  });

  it('refuses to record a query over the length limit rather than cut it into another query', () => {
    const list = [recent('a', 1)];
    assert.strictEqual(withRecent(list, recent('x'.repeat(MAX_RECENT_QUERY + 1), 2)), undefined);
    assert.deepStrictEqual(withRecent(list, recent('x'.repeat(MAX_RECENT_QUERY), 2))?.length, 2);
  });

  it('drops a stored entry over the length limit (written by an earlier version) and keeps the rest', () => {
    assert.deepStrictEqual(readRecent([recent('y'.repeat(1_000_000), 2), recent('a', 1)]), [recent('a', 1)]);
  });
});
