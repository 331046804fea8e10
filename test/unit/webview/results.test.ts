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
  it('keeps the events of two connections of one vendor that share ids, each found by its own key', () => {
    const results = new Results();
    results.reset(1);
    const us = [buildEvent({ vendor: 'surfsight', id: '42', action: 'US 42' }), buildEvent({ vendor: 'surfsight', id: '43', action: 'US 43' })];
    const eu = [buildEvent({ vendor: 'surfsight', id: '42', action: 'EU 42' })];
    results.add('surfsight-us', received(us));
    results.add('surfsight-eu', received(eu));
    assert.deepEqual(results.events.map((e) => e.action), ['US 42', 'US 43', 'EU 42']);
    assert.equal(results.get(eventKey('surfsight-us', '42'))?.action, 'US 42');
    assert.equal(results.get(eventKey('surfsight-eu', '42'))?.action, 'EU 42');
    assert.equal(results.position(eventKey('surfsight-eu', '42')), 2);
    assert.equal(results.get(eventKey('surfsight-eu', '43')), undefined);
    assert.deepEqual([0, 1, 2].map((at) => results.keyAt(at)), [eventKey('surfsight-us', '42'), eventKey('surfsight-us', '43'), eventKey('surfsight-eu', '42')]);

    results.revise('surfsight-eu', received([buildEvent({ vendor: 'surfsight', id: '42', action: 'EU 42 revised' })]));
    assert.equal(results.get(eventKey('surfsight-us', '42'))?.action, 'US 42', 'a revision touches its own connection only');
    assert.equal(results.get(eventKey('surfsight-eu', '42'))?.action, 'EU 42 revised');
  });

  it('finds ids and connection ids holding quotes, colons, brackets and non-ASCII, and nothing by other spellings', () => {
    const results = new Results();
    results.reset(1);
    const pairs: [string, string][] = [['c:1', 'a:b:c'], ['c:1', 'a'], ['c', '1:a:b:c'], ['"c"', '"'], ['région ✓', 'ïd 🚗'], ['', ''], ['[', ']'], ['c\\', '\\"']];
    for (const [connectionId, id] of pairs) results.add(connectionId, received([buildEvent({ vendor: 'axp', id, action: `${connectionId}|${id}` })]));
    assert.equal(results.events.length, pairs.length);
    for (const [at, [connectionId, id]] of pairs.entries()) {
      assert.equal(results.position(eventKey(connectionId, id)), at);
      assert.equal(results.get(eventKey(connectionId, id))?.action, `${connectionId}|${id}`);
      assert.equal(results.keyAt(at), eventKey(connectionId, id));
    }
    for (const missing of ['c:1:a:b:c', 'axp:a', '["c:1","a:b"]', '["c:1", "a"]', '["c:1","a"] ', '["c:1"]', '["c:1","a","b"]', '[1,"a"]', '', 'null']) {
      assert.equal(results.position(missing), undefined, missing);
      assert.equal(results.get(missing), undefined, missing);
    }
  });

  it('replaces a repeated id in place, ignores revisions of unknown keys, and keeps values as added', () => {
    const results = new Results();
    results.reset(1);
    const first = buildEvents(40);
    results.add('c1', received(first));
    const again = buildEvent({ vendor: first[7].vendor, id: first[7].id, action: 'Again', raw: { seq: 7, again: true } });
    results.add('c1', received([again]));
    const revised = buildEvent({ vendor: first[3].vendor, id: first[3].id, changes: [{ field: 'role', old: 'viewer', new: 'owner' }] });
    const version = results.version;
    results.revise('c1', received([revised, buildEvent({ vendor: first[0].vendor, id: 'never-added' })]));
    results.revise('c2', received([buildEvent({ vendor: first[1].vendor, id: first[1].id, action: 'Other connection' })]));
    assert.equal(results.version, version + 2);
    const expected = first.map((event, at) => (at === 7 ? again : at === 3 ? revised : event));
    assert.deepEqual(results.events, expected);
    for (const [at, event] of expected.entries()) {
      assert.equal(results.position(eventKey('c1', event.id)), at);
      assert.deepEqual(results.get(eventKey('c1', event.id)), event);
      assert.equal(results.get(eventKey('c2', event.id)), undefined);
    }
    assert.equal(results.get(eventKey('c1', 'never-added')), undefined);
  });

  it('shares equal actors and resources within a run, and starts over with the next run', () => {
    const results = new Results();
    results.reset(1);
    const events = [buildEvent({ id: 'x' }), buildEvent({ id: 'y' }), buildEvent({ id: 'z', actor: { id: 'u-1', name: 'bob@example.com', type: 'user', role: 'owner' } })];
    results.add('c1', received(events));
    const [x, y, z] = results.events;
    assert.equal(x.actor, y.actor);
    assert.equal(x.resource, y.resource);
    assert.notEqual(x.actor, z.actor, 'a different role is a different actor');
    assert.equal(z.actor.role, 'owner');
    results.reset(2);
    results.add('c1', received([events[0]]));
    assert.notEqual(results.events[0].actor, x.actor, 'the next run shares nothing with the last');
    assert.deepEqual(results.events[0], events[0]);
    assert.equal(results.get(eventKey('c1', 'y')), undefined, 'the last run\'s keys are gone');
  });

  it('holds what a plain list keyed by connection and id would, for any adds and revisions', () => {
    const vendor = fc.constantFrom<VendorId>(...VENDORS.slice(0, 3));
    const id = fc.constantFrom('1', '2', 'a:b', 'a', ':', 'b:', '', '"', 'é');
    const connectionId = fc.constantFrom('us', 'eu', 'us:"2"', 'ü');
    const event = fc.record({ vendor, id, action: fc.constantFrom('Login', 'Logout', 'Update User'), seq: fc.nat(5) })
      .map(({ vendor, id, action, seq }) => buildEvent({ vendor, id, action, raw: { id, seq, tags: ['t', action] } }));
    const step = fc.record({ revise: fc.boolean(), connectionId, events: fc.array(event, { maxLength: 6 }) });
    fc.assert(fc.property(fc.array(step, { maxLength: 8 }), (steps) => {
      const results = new Results();
      results.reset(1);
      const model: { connectionId: string; event: AuditEvent }[] = [];
      const at = (c: string, e: AuditEvent) => model.findIndex((m) => m.connectionId === c && m.event.id === e.id);
      for (const { revise, connectionId, events } of steps) {
        if (revise) results.revise(connectionId, received(events));
        else results.add(connectionId, received(events));
        for (const event of events) {
          const known = at(connectionId, event);
          if (known >= 0) model[known] = { connectionId, event };
          else if (!revise) model.push({ connectionId, event });
        }
      }
      assert.deepEqual(results.events, model.map((m) => m.event));
      for (const [position, { connectionId, event }] of model.entries()) {
        assert.equal(results.keyAt(position), eventKey(connectionId, event.id));
        assert.equal(results.position(eventKey(connectionId, event.id)), position);
        assert.deepEqual(results.get(eventKey(connectionId, event.id)), event);
      }
    }), { numRuns: 200 });
  });
});
