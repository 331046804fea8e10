import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { NO_CHANGES, type AuditEvent } from '../../../src/core/model';
import { SharedStrings } from '../../../src/core/sharing/sharedStrings';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

function event(raw: Record<string, unknown>, changes: AuditEvent['changes'] = NO_CHANGES, description: string | null = null): AuditEvent {
  return {
    vendor: 'axp', id: 'x', time: '2025-12-01T00:00:00.000Z', actor: { id: null, name: null, type: null, role: null },
    action: 'UPDATED', resource: { type: null, id: null, name: null }, status: null, description, traceId: null, changes, raw,
  };
}

/** Records that repeat a few values (so sharing happens) next to unique and long ones. */
const value = fc.oneof(
  fc.constantFrom('P2emulatorproject', 'lucas.cohen@customer.example', 'GB', ''),
  fc.string({ maxLength: 80 }),
  fc.integer(), fc.boolean(), fc.constant(null),
);
const record = fc.dictionary(fc.constantFrom('projectId', 'actorId', 'ID', 'name', 'tenants', 'data'), fc.oneof(
  value,
  fc.array(value, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('name', 'queueId', 'nested'), fc.oneof(value, fc.array(value, { maxLength: 2 }))),
));

describe('SharedStrings: held records share repeated strings, values unchanged', () => {
  it('leaves every record, change and description equal to what it was', () => {
    fc.assert(fc.property(fc.array(record, { minLength: 1, maxLength: 700 }), (generated) => {
      // As the engine receives them: built by JSON.parse.
      const records = generated.map((r) => JSON.parse(JSON.stringify(r)) as Record<string, unknown>);
      const strings = new SharedStrings();
      const events = records.map((raw, i) => event(
        structuredClone(raw),
        i % 3 === 0 ? [{ field: 'name', old: raw.name ?? null, new: structuredClone(raw.data ?? null) }] : NO_CHANGES,
        i % 2 === 0 ? `UPDATED QUEUE ${String(raw.name)}` : null,
      ));
      for (const e of events) strings.shareInEvent(e);
      events.forEach((e, i) => {
        const raw = records[i] as Record<string, unknown>;
        assert.deepEqual(e.raw, raw);
        if (i % 3 === 0) assert.deepEqual(e.changes, [{ field: 'name', old: raw.name ?? null, new: raw.data ?? null }]);
        assert.equal(e.description, i % 2 === 0 ? `UPDATED QUEUE ${String(raw.name)}` : null);
      });
    }), { numRuns: FUZZ_RUNS });
  });

  it('stops at a depth, so a record nested 100,000 levels deep is held as it is', () => {
    const nested = (): Record<string, unknown> => {
      let deep: Record<string, unknown> = { leaf: 'P2emulatorproject' };
      for (let i = 0; i < 100_000; i++) deep = { child: deep, name: 'P2emulatorproject' };
      return deep;
    };
    const strings = new SharedStrings();
    const first = event(nested());
    const second = event(nested());
    strings.shareInEvent(first);
    strings.shareInEvent(second);
    let node = second.raw;
    let depth = 0;
    while (node.child) {
      assert.equal(node.name, 'P2emulatorproject');
      node = node.child as Record<string, unknown>;
      depth++;
    }
    assert.equal(depth, 100_000);
    assert.equal(node.leaf, 'P2emulatorproject');
  });

  it('keeps records whose field names are data (an id per key) as they are, past the names it tracks', () => {
    const strings = new SharedStrings();
    const records = Array.from({ length: 3000 }, (_, i) => ({ [`user-${i}`]: 'P2emulatorproject', project: 'P2emulatorproject' }));
    const copies = structuredClone(records);
    for (const raw of records) strings.shareInEvent(event(raw));
    assert.deepEqual(records, copies);
  });

  it('holds one copy of a repeated value, and stops looking up a field whose values do not repeat', () => {
    const strings = new SharedStrings();
    for (let i = 0; i < 600; i++) {
      const updatedAt = `2025-12-01T00:00:${String(i).padStart(6, '0')}Z`;
      strings.shareInEvent(event(
        { ID: `id-${i}`, projectId: 'P2emulatorproject', actorId: `user-${i % 3}@example.com`, auditData: { updatedAt } },
        [{ field: 'updatedAt', old: null, new: updatedAt }],
      ));
    }
    assert.equal(strings.heldCount('projectId'), 1);
    assert.equal(strings.heldCount('actorId'), 3);
    assert.equal(strings.heldCount('ID'), 0, 'unique ids are no longer held');
    assert.equal(strings.heldCount('updatedAt'), 0, 'change values do not count as repeats of the record\'s own');
  });

  it('decides again every sample: a field that stops repeating is switched off', () => {
    const strings = new SharedStrings();
    for (let i = 0; i < 512; i++) strings.shareInEvent(event({ name: 'VIP Callback' }));
    assert.equal(strings.heldCount('name'), 1);
    for (let i = 0; i < 1024; i++) strings.shareInEvent(event({ name: `queue ${i}` }));
    assert.equal(strings.heldCount('name'), 0);
  });
});
