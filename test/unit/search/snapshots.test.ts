import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { AuditEvent, FieldChange } from '../../../src/core/model';
import { SnapshotLinker } from '../../../src/core/search/snapshots';
import { recordToEvent } from '../../../src/core/vendors/axp/record';
import { axpSnapshots } from '../../../src/core/vendors/axp/snapshots';

const BASE = Date.parse('2025-06-01T00:00:00.000Z');

/** An AXP QUEUE snapshot at `second`, whose `state` field is its only changing value. */
function snapshot(queue: string, second: number, state: number): AuditEvent {
  return recordToEvent({
    type: 'QUEUE',
    event: 'UPDATED',
    author: 'ann@example.com',
    date: new Date(BASE + second * 1000).toISOString(),
    auditData: { queueId: queue, state },
  }, new Date(BASE).toISOString());
}

/** What a consumer ends up showing for each event: the changes of its last delivery, first or revised. */
function linkInBatches(batches: readonly AuditEvent[][]): Map<AuditEvent, readonly FieldChange[]> {
  const linker = new SnapshotLinker(axpSnapshots);
  const shown = new Map<AuditEvent, readonly FieldChange[]>();
  for (const batch of batches) {
    const revised = linker.add(batch);
    for (const event of [...batch, ...revised]) shown.set(event, event.changes);
  }
  return shown;
}

describe('SnapshotLinker: each snapshot diffed against the previous one of its object', () => {
  it('gives every snapshot the change from the one before it, whatever order the pages arrive in', () => {
    const history = [snapshot('q1', 1, 1), snapshot('q1', 2, 2), snapshot('q1', 3, 3)];
    const shown = linkInBatches([[history[1] as AuditEvent], [history[2] as AuditEvent], [history[0] as AuditEvent]]);
    assert.deepEqual(shown.get(history[1] as AuditEvent), [{ field: 'state', old: 1, new: 2 }]);
    assert.deepEqual(shown.get(history[2] as AuditEvent), [{ field: 'state', old: 2, new: 3 }]);
    assert.deepEqual(shown.get(history[0] as AuditEvent), [], 'an update whose previous snapshot was not fetched has nothing to compare');
  });

  it('treats the later arrival of two snapshots at the same time as the older one, as a newest-first page lists them', () => {
    const newer = snapshot('q1', 5, 2);
    const older = snapshot('q1', 5, 1);
    const shown = linkInBatches([[newer, older]]);
    assert.deepEqual(shown.get(newer), [{ field: 'state', old: 1, new: 2 }]);
    assert.deepEqual(shown.get(older), []);
    const split = linkInBatches([[newer], [older]]);
    assert.deepEqual(split.get(newer), [{ field: 'state', old: 1, new: 2 }], 'also across pages');
  });

  it('ends with the same changes for any split into pages and any page order, and reports every revision', () => {
    const histories = fc.array(fc.record({ queue: fc.constantFrom('q1', 'q2', 'q3'), state: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 40 });
    fc.assert(fc.property(histories, fc.integer({ min: 1, max: 7 }), fc.infiniteStream(fc.nat()), (entries, pageSize, shuffle) => {
      // Distinct times: the answer must not depend on arrival order.
      const events = entries.map((entry, i) => snapshot(entry.queue, i, entry.state));
      const pages: AuditEvent[][] = [];
      const newestFirst = [...events].reverse();
      for (let i = 0; i < newestFirst.length; i += pageSize) pages.push(newestFirst.slice(i, i + pageSize));
      const order = pages.map((page) => ({ page, key: shuffle.next().value as number })).sort((a, b) => a.key - b.key).map((x) => x.page);
      const shown = linkInBatches(order);
      events.forEach((event, i) => {
        const previous = [...events.slice(0, i)].reverse().find((e) => e.resource.id === event.resource.id) ?? null;
        const expected = previous === null ? [] : axpSnapshots.diff(previous, event);
        assert.deepEqual(shown.get(event), expected, `event ${i} (${event.resource.id} at ${event.time})`);
      });
    }), { numRuns: 300 });
  });
});
