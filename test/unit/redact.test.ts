import * as assert from 'node:assert/strict';
import { AuditLensError } from '../../src/core/errors';
import { redactError, redactSecrets } from '../../src/core/redact';

describe('redaction of credentials in words shown to people', () => {
  it('replaces a credential, and a Descope management key on its own, wherever they appear', () => {
    const pair = 'P2project:K2managementkey0123';
    assert.equal(redactSecrets(`bad ${pair} and K2managementkey0123.`, [pair]), 'bad <redacted> and <redacted>.');
    assert.equal(redactSecrets('token tok-123456 twice tok-123456', ['tok-123456', undefined]), 'token <redacted> twice <redacted>');
  });

  it('leaves a Descope project id alone: it is public, and every record names it', () => {
    assert.equal(redactSecrets('{"projectId":"P2project"} P2project:K2managementkey0123', ['P2project:K2managementkey0123']), '{"projectId":"P2project"} <redacted>');
  });

  it('leaves text alone for values too short to be a credential', () => {
    assert.equal(redactSecrets('use https:// for example.com', ['x', 'com']), 'use https:// for example.com');
  });

  it('rebuilds an error only when its words held a secret, keeping what it means and dropping its cause', () => {
    const clean = new AuditLensError('auth', 'Zluri refused the credential.', { vendor: 'zluri', status: 401 });
    assert.equal(redactError(clean, ['secret-token-1']), clean);
    const leaky = new AuditLensError('auth', 'Zluri said: bad key secret-token-1', {
      vendor: 'zluri', status: 401, vendorMessage: 'bad key secret-token-1', supportRef: 'ref secret-token-1', retryAfterMs: 5, cause: { body: 'secret-token-1' },
    });
    const redacted = redactError(leaky, ['secret-token-1']);
    assert.equal(redacted.message, 'Zluri said: bad key <redacted>');
    assert.equal(redacted.vendorMessage, 'bad key <redacted>');
    assert.equal(redacted.supportRef, 'ref <redacted>');
    assert.deepEqual([redacted.reason, redacted.vendor, redacted.status, redacted.retryAfterMs, redacted.cause], ['auth', 'zluri', 401, 5, undefined]);
  });
});
