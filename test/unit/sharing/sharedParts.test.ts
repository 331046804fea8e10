import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { NO_CHANGES, type AuditActor, type AuditEvent, type AuditResource } from '../../../src/core/model';
import { SharedParts } from '../../../src/core/sharing/sharedParts';

function event(actor: AuditActor, resource: AuditResource): AuditEvent {
  return {
    vendor: 'zluri', id: 'x', time: '2025-12-01T00:00:00.000Z', actor, action: 'a', resource,
    status: null, description: null, traceId: null, changes: NO_CHANGES, raw: {},
  };
}

describe('SharedParts: one actor and one resource object per distinct value', () => {
  it('gives equal actors and resources one object, and keeps each event\'s values', () => {
    const parts = new SharedParts();
    const first = event({ id: 'u1', name: 'Ann', type: null, role: null }, { type: 'user', id: 'r1', name: null });
    const second = event({ id: 'u1', name: 'Ann', type: null, role: null }, { type: 'user', id: 'r1', name: null });
    parts.share(first);
    parts.share(second);
    assert.equal(second.actor, first.actor);
    assert.equal(second.resource, first.resource);
    assert.deepEqual(second.actor, { id: 'u1', name: 'Ann', type: null, role: null });
  });

  it('shares among the first few distinct actors of one id, and still gives a later one its own values', () => {
    const parts = new SharedParts();
    const names = Array.from({ length: 12 }, (_, i) => `name ${i}`);
    const firsts = names.map((name) => event({ id: 'same', name, type: null, role: null }, { type: null, id: null, name }));
    for (const e of firsts) parts.share(e);
    const again = names.map((name) => event({ id: 'same', name, type: null, role: null }, { type: null, id: null, name }));
    for (const e of again) parts.share(e);
    again.forEach((e, i) => {
      assert.equal(e.actor.name, names[i]);
      assert.equal(e.resource.name, names[i]);
    });
    assert.equal(again[0]?.actor, firsts[0]?.actor);
    assert.equal(again[0]?.resource, firsts[0]?.resource);
  });

  it('never merges different values: null, empty strings and parts that run into each other stay apart', () => {
    const text = fc.oneof(fc.constant(null), fc.constantFrom('', '-', '1:', '0:', 'a', '1:a'), fc.string({ maxLength: 4 }));
    fc.assert(fc.property(
      fc.array(fc.record({ id: text, name: text, type: text, role: text }), { minLength: 2, maxLength: 12 }),
      (actors) => {
        const parts = new SharedParts();
        const events = actors.map((actor) => event({ ...actor }, { type: actor.id, id: actor.name, name: actor.role }));
        for (const e of events) parts.share(e);
        events.forEach((e, i) => {
          assert.deepEqual(e.actor, { ...actors[i] });
          assert.deepEqual(e.resource, { type: actors[i]?.id, id: actors[i]?.name, name: actors[i]?.role });
        });
        for (let i = 0; i < events.length; i++) {
          for (let j = 0; j < i; j++) {
            const same = JSON.stringify(actors[i]) === JSON.stringify(actors[j]);
            if ((events[i] as AuditEvent).actor === (events[j] as AuditEvent).actor) assert.ok(same, `actors ${i} and ${j} merged`);
            const sameResource = JSON.stringify((events[i] as AuditEvent).resource) === JSON.stringify((events[j] as AuditEvent).resource);
            if ((events[i] as AuditEvent).resource === (events[j] as AuditEvent).resource) assert.ok(sameResource, `resources ${i} and ${j} merged`);
          }
        }
      },
    ), { numRuns: Number(process.env.FUZZ_RUNS ?? 300) });
  });

  it('shares resources without an id by their type (Zluri names only the entity type)', () => {
    const parts = new SharedParts();
    const types = Array.from({ length: 20 }, (_, i) => `entity ${i}`);
    const firsts = types.map((type) => event({ id: null, name: null, type: null, role: null }, { type, id: null, name: null }));
    const again = types.map((type) => event({ id: null, name: null, type: null, role: null }, { type, id: null, name: null }));
    for (const e of [...firsts, ...again]) parts.share(e);
    again.forEach((e, i) => assert.equal(e.resource, firsts[i]?.resource, types[i]));
  });
});
