import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { describeTarget, queryNames } from '../../../src/core/http/requestLog';

/** The plain definition `queryNames` must match. */
function namesBySearchParams(search: string): string[] {
  return [...new Set(new URLSearchParams(search).keys())];
}

describe('http client: what logs say of a request address', () => {
  it('names the query parameters once each, never their values', () => {
    const target = describeTarget(new URL('https://api.example.com/v1/audit?page=2&token=s3cret&page=3&orderBy=date%20desc'));
    assert.deepEqual(target, { host: 'api.example.com', path: '/v1/audit?page&token&orderBy' });
  });

  it('decodes encoded names as URLSearchParams does', () => {
    assert.deepEqual(queryNames('?a%20b=1&c+d=2&e=%zz'), ['a b', 'c d', 'e']);
  });

  it('reads names exactly as URLSearchParams for any query text', () => {
    const piece = fc.constantFrom('a', 'b', 'page', '=', '&', '?', '%', '%20', '%zz', '+', ' ', 'é', '😀', '#');
    const query = fc.array(piece, { maxLength: 24 }).map((parts) => parts.join(''));
    fc.assert(fc.property(fc.oneof(query, fc.string()), (text) => {
      const search = new URL(`https://h.example/p?${text}`).search;
      assert.deepEqual(queryNames(search), namesBySearchParams(search));
      assert.deepEqual(queryNames(text), namesBySearchParams(text));
    }), { numRuns: 5000 });
  });
});
