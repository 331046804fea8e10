import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { checkHostMessage, checkWebviewMessage, eventKey, hostMessageSchema, parseEventKey } from '../../../src/shared/protocol';
import { DEFAULT_VIEW_STATE, readViewState } from '../../../src/shared/viewState';
import { buildEvent } from '../../webview/eventBuilder';

/** The message as checked, or undefined when refused. */
const parseHostMessage = (data: unknown) => { const checked = checkHostMessage(data); return checked.ok ? checked.message : undefined; };
const parseWebviewMessage = (data: unknown) => { const checked = checkWebviewMessage(data); return checked.ok ? checked.message : undefined; };

describe('panel protocol', () => {
  it('accepts the allow-listed webview commands and nothing else', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'run', query: 'actor:bob' }), { type: 'run', query: 'actor:bob' });
    assert.equal(parseWebviewMessage({ type: 'runCommand', command: 'workbench.action.terminal.new' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'export', requestId: 1, format: 'exe', scope: 'loaded' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'surrounding', eventKey: 'perfecto:1', by: 'actor', minutes: 100_000 }), undefined);
    assert.equal(parseWebviewMessage('ready'), undefined);
    assert.equal(parseWebviewMessage(null), undefined);
  });

  it('validates events inside host messages, field by field', () => {
    const good = { type: 'events', runId: 1, connectionId: 'c1', events: [buildEvent()] };
    assert.deepEqual(parseHostMessage(good), good);
    assert.equal(parseHostMessage({ type: 'events', runId: 1, events: [buildEvent()] }), undefined, 'events name their connection');
    assert.equal(parseHostMessage({ ...good, type: 'revised', connectionId: 7 }), undefined);
    assert.equal(parseHostMessage({ ...good, events: [{ ...buildEvent(), vendor: 'acme' }] }), undefined);
    assert.equal(parseHostMessage({ ...good, events: [{ ...buildEvent(), actor: null }] }), undefined);
    assert.equal(hostMessageSchema.safeParse({ type: 'reply', requestId: -1, ok: true, message: '' }).success, false);
  });

  it('builds event keys that give back any connection id and event id, whatever characters they hold', () => {
    const part = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('', ':', '"', '\\', '","', '["a","b"]', 'région', '🚗'));
    fc.assert(fc.property(part, part, part, part, (connectionId, id, otherConnection, otherId) => {
      const key = eventKey(connectionId, id);
      assert.deepEqual(parseEventKey(key), { connectionId, id });
      if (connectionId !== otherConnection || id !== otherId) assert.notEqual(eventKey(otherConnection, otherId), key);
    }), { numRuns: 300 });
    assert.equal(eventKey('surfsight-us', '42') === eventKey('surfsight-eu', '42'), false);
  });

  it('reads nothing but an event key as one', () => {
    for (const other of ['surfsight:42', '["a"]', '["a","b","c"]', '[1,"b"]', '["a",null]', ' ["a","b"]', '["a", "b"]', '["\\u0061","b"]', '{"0":"a","1":"b"}', 'null', '', '[']) {
      assert.equal(parseEventKey(other), undefined, other);
    }
  });

  it('reads persisted view state leniently, keeping a valid search from a damaged state', () => {
    const state = { ...DEFAULT_VIEW_STATE, search: { query: 'since:1h', scope: ['c1'] } };
    assert.deepEqual(readViewState(state), state);
    assert.deepEqual(readViewState({ columns: 'nope', search: { query: 'x', scope: 'all' } }), { ...DEFAULT_VIEW_STATE, search: { query: 'x', scope: 'all' } });
    assert.deepEqual(readViewState(undefined), { ...DEFAULT_VIEW_STATE, search: undefined });
  });
});
