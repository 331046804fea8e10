import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { AuditEvent, VendorId } from '../../../src/core/model';
import { VENDORS } from '../../../src/core/model';
import { eventKey } from '../../../src/shared/protocol';
import { Results } from '../../../src/webview/model/results';
import { buildEvent, buildEvents } from '../../webview/eventBuilder';

/** Events as the webview receives them: fresh copies of every object and string. */
function received(events: readonly AuditEvent[]): AuditEvent[] {
  return structuredClone(events) as AuditEvent[];
}

describe('webview results: held compactly, found by key', () => {
  it('finds ids that hold colons by splitting the key at its first colon only', () => {
    const results = new Results();
    results.reset(1);
    const events = [
      buildEvent({ vendor: 'axp', id: 'a:b:c', action: 'Three' }),
      buildEvent({ vendor: 'axp', id: 'a', action: 'One' }),
      buildEvent({ vendor: 'zluri', id: 'a:b:c', action: 'Other vendor' }),
      buildEvent({ vendor: 'descope', id: '', action: 'Empty id' }),
    ];
    results.add(received(events));
    assert.equal(results.position('axp:a:b:c'), 0);
    assert.equal(results.get('axp:a:b:c')?.action, 'Three');
    assert.equal(results.position('axp:a'), 1);
    assert.equal(results.get('zluri:a:b:c')?.action, 'Other vendor');
    assert.equal(results.position('descope:'), 3);
    for (const missing of ['axp:a:b', 'axp', 'a:b:c', ':a:b:c', '', 'axp:a:b:c:', 'perfecto:a:b:c']) {
      assert.equal(results.position(missing), undefined, missing);
      assert.equal(results.get(missing), undefined, missing);
    }
  });

  it('replaces a repeated id in place, ignores revisions of unknown keys, and keeps values as added', () => {
    const results = new Results();
    results.reset(1);
    const first = buildEvents(40);
    results.add(received(first));
    const again = buildEvent({ vendor: first[7].vendor, id: first[7].id, action: 'Again', raw: { seq: 7, again: true } });
    results.add(received([again]));
    const revised = buildEvent({ vendor: first[3].vendor, id: first[3].id, changes: [{ field: 'role', old: 'viewer', new: 'owner' }] });
    const version = results.version;
    results.revise(received([
      revised,
      buildEvent({ vendor: first[0].vendor, id: 'never-added' }),
      buildEvent({ vendor: first[1].vendor, id: first[0].id }),
    ]));
    assert.equal(results.version, version + 1);
    const expected = first.map((event, at) => (at === 7 ? again : at === 3 ? revised : event));
    assert.deepEqual(results.events, expected);
    for (const [at, event] of expected.entries()) {
      assert.equal(results.position(eventKey(event)), at);
      assert.deepEqual(results.get(eventKey(event)), event);
    }
    assert.equal(results.get(`${first[0].vendor}:never-added`), undefined);
  });

  it('shares equal actors and resources within a run, and starts over with the next run', () => {
    const results = new Results();
    results.reset(1);
    const events = [buildEvent({ id: 'x' }), buildEvent({ id: 'y' }), buildEvent({ id: 'z', actor: { id: 'u-1', name: 'bob@example.com', type: 'user', role: 'owner' } })];
    results.add(received(events));
    const [x, y, z] = results.events;
    assert.equal(x.actor, y.actor);
    assert.equal(x.resource, y.resource);
    assert.notEqual(x.actor, z.actor, 'a different role is a different actor');
    assert.equal(z.actor.role, 'owner');
    results.reset(2);
    results.add(received([events[0]]));
    assert.notEqual(results.events[0].actor, x.actor, 'the next run shares nothing with the last');
    assert.deepEqual(results.events[0], events[0]);
  });

  it('holds what a plain list keyed by vendor and id would, for any adds and revisions', () => {
    const vendor = fc.constantFrom<VendorId>(...VENDORS.slice(0, 3));
    const id = fc.constantFrom('1', '2', 'a:b', 'a', ':', 'b:', '');
    const event = fc.record({ vendor, id, action: fc.constantFrom('Login', 'Logout', 'Update User'), seq: fc.nat(5) })
      .map(({ vendor, id, action, seq }) => buildEvent({ vendor, id, action, raw: { id, seq, tags: ['t', action] } }));
    const step = fc.record({ revise: fc.boolean(), events: fc.array(event, { maxLength: 6 }) });
    fc.assert(fc.property(fc.array(step, { maxLength: 8 }), (steps) => {
      const results = new Results();
      results.reset(1);
      const model: AuditEvent[] = [];
      const at = (e: AuditEvent) => model.findIndex((m) => m.vendor === e.vendor && m.id === e.id);
      for (const { revise, events } of steps) {
        if (revise) results.revise(received(events));
        else results.add(received(events));
        for (const e of events) {
          const known = at(e);
          if (known >= 0) model[known] = e;
          else if (!revise) model.push(e);
        }
      }
      assert.deepEqual(results.events, model);
      for (const [position, e] of model.entries()) {
        assert.equal(results.position(eventKey(e)), position);
        assert.deepEqual(results.get(eventKey(e)), e);
      }
    }), { numRuns: 200 });
  });
});
