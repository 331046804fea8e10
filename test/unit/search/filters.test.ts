import * as assert from 'node:assert/strict';
import type { AuditEvent } from '../../../src/core/model';
import { NO_CHANGES } from '../../../src/core/model';
import { matchesFilter } from '../../../src/core/search/filters';

function event(raw: Record<string, unknown>, description: string | null = null): AuditEvent {
  return {
    vendor: 'surfsight', id: '1', time: '2025-12-04T10:00:00.000Z',
    actor: { id: '32', name: 'Bob Smith', type: null, role: null }, action: 'Device moved',
    resource: { type: 'device', id: '3576', name: null }, status: null, description, traceId: null,
    changes: NO_CHANGES, raw,
  };
}

describe('local free-text filter', () => {
  it('matches values anywhere in the event and its raw record, case-insensitively', () => {
    const renamed = event({ id: 1099995, value: '{"role":"installer","name":"Truck 7"}', nested: { deep: ['Fleet "North"', 42, true] } }, 'Moved it');
    for (const text of ['bob smith', 'MOVED IT', 'device moved', '3576', 'truck 7', '"role":"installer"', 'fleet "north"', '42', 'true', '1099995']) {
      assert.ok(matchesFilter(renamed, 'text', text), text);
    }
  });

  it('does not match key names or JSON punctuation', () => {
    const plain = event({ name: 'Truck', role: null });
    for (const text of ['name', 'role', '":null', '{', 'nested']) assert.ok(!matchesFilter(plain, 'text', text), text);
  });

  it('does not match across two values as if they were one', () => {
    assert.ok(!matchesFilter(event({ a: 'foo', b: 'bar' }), 'text', 'foobar'));
  });
});

describe('local trace id filter', () => {
  const withTrace = (traceId: string): AuditEvent => ({ ...event({}), traceId });
  const hex = '4bf92f3577b34da6a3ce929d0e0e4736';

  it('finds one trace however either side writes it: 32 hex, UUID, X-Ray id or traceparent, any case', () => {
    const shapes = [hex, hex.toUpperCase(), '4BF92F35-77B3-4DA6-A3CE-929D0E0E4736', '{4bf92f35-77b3-4da6-a3ce-929d0e0e4736}', '1-4bf92f35-77b34da6a3ce929d0e0e4736', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'];
    for (const stored of shapes) for (const typed of shapes) assert.ok(matchesFilter(withTrace(stored), 'traceId', typed), `${stored} ~ ${typed}`);
  });

  it('tells different ids apart, and compares other shapes as written, case aside', () => {
    assert.ok(!matchesFilter(withTrace(hex), 'traceId', `${hex.slice(0, 31)}0`));
    assert.ok(!matchesFilter(withTrace('req-abc-123'), 'traceId', 'reqabc123'), 'dashes count in ids that are not 128-bit');
    assert.ok(matchesFilter(withTrace('req-abc-123'), 'traceId', 'REQ-ABC-123'));
    assert.ok(!matchesFilter(event({}), 'traceId', hex), 'an event without a trace id');
  });
});
