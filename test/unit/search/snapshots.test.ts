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

/** A page of the vendor's newest-first listing: its events and the listing position of the first. */
interface Page {
  events: AuditEvent[];
  rank: number;
}

/** Pages of `pageSize` of a newest-first listing, each ranked by where it starts. */
function pagesOf(newestFirst: readonly AuditEvent[], pageSize: number): Page[] {
  const pages: Page[] = [];
  for (let i = 0; i < newestFirst.length; i += pageSize) pages.push({ events: newestFirst.slice(i, i + pageSize), rank: i });
  return pages;
}

/** What a consumer ends up showing for each event: the changes of its last delivery, first or revised. */
function linkInBatches(pages: readonly Page[]): Map<AuditEvent, readonly FieldChange[]> {
  const linker = new SnapshotLinker(axpSnapshots);
  const shown = new Map<AuditEvent, readonly FieldChange[]>();
  for (const page of pages) {
    const revised = linker.add(page.events, page.rank);
    for (const event of [...page.events, ...revised]) shown.set(event, event.changes);
  }
  return shown;
}

describe('SnapshotLinker: each snapshot diffed against the previous one of its object', () => {
  it('gives every snapshot the change from the one before it, whatever order the pages arrive in', () => {
    const history = [snapshot('q1', 1, 1), snapshot('q1', 2, 2), snapshot('q1', 3, 3)];
    const [newest, middle, oldest] = pagesOf([...history].reverse(), 1) as [Page, Page, Page];
    const shown = linkInBatches([middle, newest, oldest]);
    assert.deepEqual(shown.get(history[1] as AuditEvent), [{ field: 'state', old: 1, new: 2 }]);
    assert.deepEqual(shown.get(history[2] as AuditEvent), [{ field: 'state', old: 2, new: 3 }]);
    assert.deepEqual(shown.get(history[0] as AuditEvent), [], 'an update whose previous snapshot was not fetched has nothing to compare');
  });

  it('treats the one listed later of two snapshots at the same time as the older, as a newest-first listing orders them', () => {
    const newer = snapshot('q1', 5, 2);
    const older = snapshot('q1', 5, 1);
    const shown = linkInBatches(pagesOf([newer, older], 2));
    assert.deepEqual(shown.get(newer), [{ field: 'state', old: 1, new: 2 }]);
    assert.deepEqual(shown.get(older), []);
    const [first, second] = pagesOf([newer, older], 1) as [Page, Page];
    assert.deepEqual(linkInBatches([first, second]).get(newer), [{ field: 'state', old: 1, new: 2 }], 'also across pages');
    assert.deepEqual(linkInBatches([second, first]).get(newer), [{ field: 'state', old: 1, new: 2 }], 'also when the later page arrives first');
  });

  it('ends with the same changes for any split into pages and any page order, and reports every revision', () => {
    const entry = fc.record({ queue: fc.constantFrom('q1', 'q2', 'q3'), state: fc.integer({ min: 0, max: 3 }), sameTime: fc.boolean() });
    fc.assert(fc.property(fc.array(entry, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 7 }), fc.infiniteStream(fc.nat()), (entries, pageSize, shuffle) => {
      // Oldest first; an entry may share the previous one's time, and is then the newer of the two.
      let second = 0;
      const events = entries.map((e, i) => snapshot(e.queue, i > 0 && e.sameTime ? second : ++second, e.state));
      const pages = pagesOf([...events].reverse(), pageSize);
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
