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
