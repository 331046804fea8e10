import { strict as assert } from 'node:assert';
import { formatDuration } from '../../../src/core/http/duration';
import { backoffDelay, parseRetryAfter } from '../../../src/core/http/retryPolicy';
import { errorForStatus, HttpStatusError } from '../../../src/core/http/statusErrors';

describe('http status errors', () => {
  const cases: Array<[number, string, RegExp]> = [
    [401, 'auth', /^Perfecto refused the credential \(401\)\. Update the credential for this connection\.$/],
    [403, 'permission', /not permitted to read audit logs \(403\).*Use a credential with audit-log access/],
    [404, 'not-found', /\(404\).*Check the base URL of this connection/],
    [400, 'vendor-validation', /rejected the request \(400\) without saying why.*Adjust the search/],
    [409, 'vendor-validation', /\(409\)/],
    [422, 'vendor-validation', /\(422\)/],
    [429, 'rate-limited', /still rate limiting .*\(429\)\. Wait a minute/],
    [500, 'server', /server error \(500\)\. Try again later; if it persists, contact Perfecto support\.$/],
    [503, 'server', /\(503\)/],
    [302, 'redirect', /redirect \(302\).*never followed/],
    [407, 'network', /^The proxy on the way to Perfecto asks for its own sign-in \(407\)\. Put its user and password in the proxy URL/],
  ];
  for (const [status, reason, message] of cases) {
    it(`maps ${status} to ${reason} with a message that says what to do`, () => {
      const error = errorForStatus('perfecto', status);
      assert.equal(error.reason, reason);
      assert.equal(error.status, status);
      assert.equal(error.vendor, 'perfecto');
      assert.match(error.message, message);
    });
  }

  it('blames the connection, not the search, when the vendor does not know its account', () => {
    const error = errorForStatus('axp', 400, { message: 'Invalid AccountID', connection: true });
    assert.equal(error.reason, 'config');
    assert.match(error.message, /^Avaya AXP does not know this connection's account \(400\)\. Avaya AXP says: "Invalid AccountID"\. Check the connection's account id/);
  });

  it('says a feature the account lacks may need enabling, with the vendor\'s reference', () => {
    const error = errorForStatus('perfecto', 403, { message: 'Audit log is not enabled for this tenant', supportRef: 'AUD-9', permission: true });
    assert.equal(error.reason, 'permission');
    assert.match(error.message, /Perfecto says: "Audit log is not enabled for this tenant"\..*ask an administrator to enable audit logs for the account \(support reference: AUD-9\)\.$/);
  });

  it('uses the vendor wording and support reference', () => {
    const error = errorForStatus('perfecto', 400, { message: 'Invalid status value', supportRef: 'ERR-123' });
    assert.equal(error.vendorMessage, 'Invalid status value');
    assert.equal(error.supportRef, 'ERR-123');
    assert.match(error.message, /Perfecto rejected the request \(400\): "Invalid status value" \(support reference: ERR-123\)/);
  });

  it('treats a vendor "not permitted" as a permission problem whatever the status', () => {
    const error = errorForStatus('descope', 400, { message: 'Not permitted', permission: true });
    assert.equal(error.reason, 'permission');
    assert.ok(error.isCredentialProblem);
  });

  it('says how long a rate-limiting vendor asked to wait', () => {
    const error = errorForStatus('zluri', 429, undefined, 90 * 60_000);
    assert.equal(error.retryAfterMs, 90 * 60_000);
    assert.match(error.message, /Zluri is rate limiting this credential \(429\) and asked to wait 1 hour 30 minutes/);
  });

  it('names the redirect target and the attempt count', () => {
    assert.match(errorForStatus('axp', 301, undefined, undefined, { redirectHost: 'login.example.com' }).message, /to login\.example\.com/);
    assert.match(errorForStatus('axp', 502, undefined, undefined, { attempts: 5 }).message, /^Avaya AXP had a server error \(502\) after 5 attempts/);
  });

  it('re-maps an HttpStatusError with the vendor info, keeping its wait and context', () => {
    const error = new HttpStatusError('surfsight', 429, { code: 'X' }, { 'retry-after': '600' }, 600_000, { attempts: 1 });
    assert.equal(error.reason, 'rate-limited');
    const mapped = error.withVendorInfo({ message: 'Too many requests' });
    assert.equal(mapped.retryAfterMs, 600_000);
    assert.equal(mapped.vendorMessage, 'Too many requests');
    assert.match(mapped.message, /wait 10 minutes/);
  });
});

describe('retry policy', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2025-12-04T10:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
    assert.equal(parseRetryAfter('Thu, 04 Dec 2025 10:05:00 GMT', now), 300_000);
    assert.equal(parseRetryAfter('Thu, 04 Dec 2025 09:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter('1.5', now), undefined);
  });

  it('draws full-jitter backoff below a doubling, capped ceiling', () => {
    assert.equal(backoffDelay(0, 500, 30_000, () => 0.999), 499);
    assert.equal(backoffDelay(3, 500, 30_000, () => 0.5), 2000);
    assert.equal(backoffDelay(10, 500, 30_000, () => 0.5), 15_000);
    assert.equal(backoffDelay(2, 500, 30_000, () => 0), 0);
  });

  it('words durations in the two largest units', () => {
    assert.equal(formatDuration(400), '0.4 seconds');
    assert.equal(formatDuration(1000), '1 second');
    assert.equal(formatDuration(600_000), '10 minutes');
    assert.equal(formatDuration(3 * 3_600_000 + 30_000), '3 hours');
    assert.equal(formatDuration(90_061_000), '1 day 1 hour');
    assert.equal(formatDuration(7 * 86_400_000), '7 days');
  });

  it('words a wait beyond a week as "more than a week", however absurd', () => {
    for (const ms of [7 * 86_400_000 + 1_000, 99_999_999_999_999_999_999_000, Number.POSITIVE_INFINITY]) {
      assert.equal(formatDuration(ms), 'more than a week', String(ms));
    }
    const error = errorForStatus('zluri', 429, undefined, 99_999_999_999_999_999_999_000);
    assert.equal(error.message, 'Zluri is rate limiting this credential (429) and asked to wait more than a week before the next request. Try again after that.');
  });
});
