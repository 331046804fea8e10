/** Test-data builder for normalized events (unit and Chromium tests). */
import type { AuditEvent, VendorId } from '../../src/core/model';
import { VENDORS } from '../../src/core/model';

export function buildEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    vendor: 'perfecto',
    id: 'evt-1',
    time: '2025-12-04T11:17:24.983Z',
    actor: { id: 'u-1', name: 'bob@example.com', type: 'user', role: 'admin' },
    action: 'Update User',
    resource: { type: 'user', id: 'z-audit-23', name: 'Zed' },
    status: 'success',
    description: 'Updated the user',
    traceId: null,
    changes: [],
    raw: { id: 'evt-1' },
    ...overrides,
  };
}

const ACTIONS = ['Update User', 'Login', 'Delete Device', 'Create Token', 'Change Role', 'Export Report'];
const ACTORS = ['alice@example.com', 'bob@example.com', 'carol@example.com', 'dan@example.com', 'erin@example.com'];

/** `count` varied events, newest first, one per `stepMs` back from `endMs`. */
export function buildEvents(count: number, endMs = Date.parse('2025-12-04T12:00:00.000Z'), stepMs = 1_000): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (let i = 0; i < count; i++) {
    const vendor: VendorId = VENDORS[i % VENDORS.length];
    const time = new Date(endMs - i * stepMs).toISOString();
    events.push(buildEvent({
      vendor,
      id: `e${i}`,
      time,
      actor: { id: `u${i % 5}`, name: ACTORS[i % ACTORS.length], type: 'user', role: null },
      action: ACTIONS[i % ACTIONS.length],
      resource: { type: i % 2 ? 'device' : 'user', id: `r${i % 7}`, name: null },
      status: i % 9 === 0 ? 'failure' : 'success',
      description: `Event number ${i}`,
      traceId: i % 3 === 0 ? `trace-${i % 11}` : null,
      changes: i % 4 === 0 ? [{ field: 'role', old: vendor === 'descope' ? null : 'viewer', new: 'admin' }] : [],
      raw: { seq: i, vendor },
    }));
  }
  return events;
}
