import * as assert from 'assert';
import { cleanCredential } from '../../../src/extension/secrets/credentialCleaning';
import { parseStoredCredential, serializeStoredCredential } from '../../../src/extension/secrets/storedCredential';

describe('extension: credential cleaning', () => {
  it('trims surrounding whitespace and a trailing newline from a paste', () => {
    assert.deepStrictEqual(cleanCredential('  abc.def-123\n'), { ok: true, value: 'abc.def-123', notes: [] });
  });

  it('strips a stray Bearer prefix in any case and says so', () => {
    const cleaned = cleanCredential('bearer   tok_123');
    assert.ok(cleaned.ok);
    assert.strictEqual(cleaned.value, 'tok_123');
    assert.match(cleaned.notes[0] ?? '', /Bearer/);
  });

  it('keeps a Descope ProjectId:ManagementKey intact', () => {
    const cleaned = cleanCredential('P2abc:K2xyz');
    assert.ok(cleaned.ok && cleaned.value === 'P2abc:K2xyz');
  });

  it('removes quotes around the whole value, then a Bearer prefix inside them', () => {
    for (const input of ['"tok_123"', "'tok_123'", '\u201ctok_123\u201d', '  "Bearer tok_123"\n']) {
      const cleaned = cleanCredential(input);
      assert.ok(cleaned.ok, input);
      assert.strictEqual(cleaned.value, 'tok_123');
      assert.match(cleaned.notes[0] ?? '', /quotes/);
    }
  });

  for (const [input, reason] of [
    ['tok"123', /quote/],
    ['"tok_123', /quote/],
    ['tökén', /not plain ASCII/],
    ['tok\u200b123', /not plain ASCII/],
    ['tok\u2028123', /line break/],
    ['abc\ndef', /line break/],
    ['abc\r\ndef', /line break/],
    ['abc\u0007def', /control character/],
    ['token second', /space/],
    ['   ', /empty/],
    ['Bearer ', /empty/],
  ] as const) {
    it(`refuses ${JSON.stringify(input)} with a reason that does not repeat it`, () => {
      const cleaned = cleanCredential(input, 'The API key');
      assert.strictEqual(cleaned.ok, false);
      if (cleaned.ok) return;
      assert.match(cleaned.reason, reason);
      assert.match(cleaned.reason, /^The API key/);
      if (input.trim().length > 3) assert.ok(!cleaned.reason.includes(input.trim()), 'reason must not echo the credential');
    });
  }
});

describe('extension: stored credential', () => {
  it('round-trips token, app key, origin and a Surfsight login', () => {
    const value = { token: 't', appKey: 'k', origin: 'https://a.example.com', login: { email: 'a@b.c', password: 'p' }, expiresAt: 1700000000000 };
    assert.deepStrictEqual(parseStoredCredential(serializeStoredCredential(value)), value);
  });

  it('reads missing, non-JSON and wrongly shaped values as absent', () => {
    assert.strictEqual(parseStoredCredential(undefined), undefined);
    assert.strictEqual(parseStoredCredential('not json'), undefined);
    assert.strictEqual(parseStoredCredential('{"token":"t"}'), undefined, 'a value without origin is unusable');
    assert.strictEqual(parseStoredCredential('{"token":"","origin":"https://x"}'), undefined);
  });
});
