/**
 * Item 8 for AXP's snapshot diffs: one object's history of 10k and 100k snapshots, linked
 * page by page newest first as a search delivers them. The emulator spreads its records over
 * many objects, so the fetch figures cannot show how one long history grows.
 */
import type { AuditEvent } from '../src/core/model';
import { SnapshotLinker } from '../src/core/search/snapshots';
import { recordToEvent } from '../src/core/vendors/axp/record';
import { axpSnapshots } from '../src/core/vendors/axp/snapshots';
import type { Figure } from './lib/figures';
import { median, repeat } from './lib/stats';

const PAGE = 50;
const BASE = Date.parse('2025-01-01T00:00:00.000Z');

function history(count: number): AuditEvent[] {
  return Array.from({ length: count }, (_, i) => recordToEvent({
    type: 'QUEUE',
    event: 'UPDATED',
    author: 'bench@example.com',
    date: new Date(BASE + (count - i) * 1000).toISOString(),
    auditData: { queueId: 'q-1', name: 'Support', priority: i % 5 },
  }, new Date(BASE).toISOString()));
}

/** Microseconds per snapshot to link `count` snapshots of one object. */
async function linkCost(count: number): Promise<number> {
  const samples = await repeat(3, async () => {
    const events = history(count);
    const linker = new SnapshotLinker(axpSnapshots);
    const started = performance.now();
    for (let i = 0; i < events.length; i += PAGE) linker.add(events.slice(i, i + PAGE), i);
    return ((performance.now() - started) * 1000) / count;
  });
  return median(samples);
}

export async function benchSnapshotGrowth(): Promise<Figure[]> {
  const small = await linkCost(10_000);
  const large = await linkCost(100_000);
  return [{
    section: '8 growth',
    name: 'AXP diffs, one object\'s snapshots, 100k ÷ 10k per event',
    value: large / small,
    unit: '×',
    budget: { max: 1.5 },
    note: `${small.toFixed(1)} µs/snapshot at 10k, ${large.toFixed(1)} at 100k; a chain shifted on every insert measured 14× here`,
  }];
}
