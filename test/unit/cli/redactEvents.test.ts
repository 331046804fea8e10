// The CLI's credential removal from events, before any format escapes them: numbers included.
import * as assert from 'node:assert/strict';
import { redactEvents } from '../../../src/cli/redactEvents';
import { buildEvent } from '../../webview/eventBuilder';

const withRaw = (raw: Record<string, unknown>) => buildEvent({ raw });

describe('CLI: credentials removed from events', () => {
  it('replaces a numeric credential held as a number, also inside a longer number', () => {
    const [event] = redactEvents([withRaw({ pin: 84736251907, longer: 184736251907, other: 42 })], ['84736251907']);
    assert.deepEqual(event?.raw, { pin: '<redacted>', longer: '1<redacted>', other: 42 });
  });

  it('replaces a credential of 16 or more digits that parsing rounded', () => {
    const secret = '12345678901234567891';
    const [event] = redactEvents([withRaw({ id: JSON.parse(secret) as number })], [secret]);
    assert.deepEqual(event?.raw, { id: '<redacted>' });
  });

  it('leaves numbers alone for a secret too short to redact (as the text redaction does)', () => {
    const events = [withRaw({ id: 1000001 })];
    assert.equal(redactEvents(events, ['1']), events, 'nothing to redact: the same events');
  });
});
