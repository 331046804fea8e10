import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { AuditEvent } from '../../../src/core/model';
import type { SearchUpdate } from '../../../src/core/search/types';
import { chunkEvents } from '../../../src/extension/panel/chunks';
import { EventLookup, findChange } from '../../../src/extension/panel/eventLookup';
import { cutText, fitEvent, fittedField, fittedId } from '../../../src/extension/panel/fitEvent';
import { refusedRequestReply } from '../../../src/extension/panel/refusedRequest';
import { SearchRun } from '../../../src/extension/panel/searchRun';
import type { HostMessage } from '../../../src/shared/protocol';
import { checkHostMessage, checkWebviewMessage, eventKey, parseEventKey, SHORT_TEXT_MAX, TEXT_MAX } from '../../../src/shared/protocol';
import { Results } from '../../../src/webview/model/results';
import { buildEvent, buildEvents } from '../../webview/eventBuilder';

const takesHost = (data: unknown) => checkHostMessage(data).ok;
const takesWebview = (data: unknown) => checkWebviewMessage(data).ok;

/** The longest connection id settings allow (63 characters). */
const LONGEST_CONNECTION = `c${'-'.repeat(62)}`;
const MARK = /… \(cut: [\d,]+ characters in all; open the raw record for all of it\)$/;

/** A real run over one page of `events` of connection `c1`, fetched to the end, and what it posted. */
async function runOf(events: AuditEvent[], connectionId = 'c1') {
  async function* stream(): AsyncGenerator<SearchUpdate, void, undefined> {
    yield { kind: 'page', connectionId, vendor: 'perfecto', events, revised: [], warnings: [], progress: { pages: 1, events: events.length } };
  }
  const posted: HostMessage[] = [];
  const run = new SearchRun(stream(), new AbortController(), { runId: 1, pageTarget: 1_000, connectionLabel: String, describeError: String, post: (m) => posted.push(m) });
  await run.fetchAll();
  return { run, posted };
}

describe('panel limits: no event is lost to the protocol\'s size limits', () => {
  it('posts every event of a chunk holding a 100,001-character description, the text cut with a mark', () => {
    const events = buildEvents(100);
    const whole = 'd'.repeat(TEXT_MAX + 1);
    events[40] = { ...(events[40] as AuditEvent), description: whole };
    const chunks = chunkEvents(events);
    for (const chunk of chunks) assert.ok(takesHost({ type: 'events', runId: 1, connectionId: 'c1', events: chunk }), 'the webview takes every chunk');
    const sent = chunks.flat();
    assert.equal(sent.length, 100);
    const cut = (sent[40] as AuditEvent).description as string;
    assert.ok(cut.length <= TEXT_MAX && cut.startsWith('ddd') && MARK.test(cut), cut.slice(-80));
    assert.ok(cut.includes('100,001 characters in all'));
    assert.equal((events[40] as AuditEvent).description, whole, 'the host keeps the whole text');
    assert.equal(sent[0], events[0], 'an event that fits is posted as it is');
  });

  it('cuts every long text field of an event, and never between the halves of a surrogate pair', () => {
    const long = 'x'.repeat(TEXT_MAX + 5);
    const event = buildEvent({
      action: long, description: long, traceId: long, time: 't'.repeat(SHORT_TEXT_MAX + 1),
      actor: { id: long, name: long, type: long, role: long }, resource: { type: long, id: long, name: long },
    });
    const fitted = fitEvent(event);
    assert.ok(takesHost({ type: 'events', runId: 1, connectionId: 'c1', events: [fitted] }));
    for (const text of [fitted.action, fitted.description, fitted.traceId, fitted.actor.name, fitted.resource.id]) assert.match(text ?? '', MARK);
    assert.equal(cutText('x'.repeat(1_000), 100).length, 100, 'a cut text takes all the room it has');
    assert.equal(cutText('x'.repeat(100), 100), 'x'.repeat(100));
    fc.assert(fc.property(fc.integer({ min: 0, max: 5 }), (lead) => {
      const text = `${'a'.repeat(lead)}${'🚗'.repeat(300)}`;
      const result = cutText(text, 200);
      assert.ok(result.length <= 200);
      assert.doesNotMatch(result, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/, 'no lone high surrogate');
    }));
  });

  it('gives long ids keys that fit, stay distinct, and map back to the whole event on the host', async () => {
    const prefix = 'i'.repeat(3_000);
    // The last id is one that reads like another's shortened form: it must not take that event's key.
    const ids = [`${prefix}A`, `${prefix}B`, '"'.repeat(1_500), '\u0001'.repeat(400), 'short', fittedId(`${prefix}A`)];
    const events = ids.map((id, n) => buildEvent({ id, description: `event ${n}` }));
    const fitted = ids.map(fittedId);
    assert.equal(new Set(fitted).size, ids.length, 'no two events share a key');
    assert.equal(fitted[4], 'short');
    for (const id of fitted) {
      const key = eventKey(LONGEST_CONNECTION, id);
      assert.ok(key.length <= SHORT_TEXT_MAX, `key of ${key.length} characters`);
      assert.deepEqual(parseEventKey(key), { connectionId: LONGEST_CONNECTION, id });
    }

    const { run, posted } = await runOf(events, LONGEST_CONNECTION);
    const webview = new Results();
    webview.reset(1);
    for (const message of posted) {
      assert.ok(takesHost(message), `the webview takes the ${message.type} message`);
      if (message.type === 'events') webview.add(message.connectionId, structuredClone(message.events));
    }
    assert.equal(webview.events.length, ids.length);
    const lookup = new EventLookup(run);
    for (let at = 0; at < ids.length; at++) {
      const key = webview.keyAt(at);
      assert.ok(takesWebview({ type: 'openRaw', requestId: 1, eventKey: key }), 'the webview can ask about the event');
      const found = lookup.find(key);
      assert.equal(found?.event.id, ids[at], 'the key finds the whole event');
      assert.equal(found?.connectionId, LONGEST_CONNECTION);
    }
    assert.equal(lookup.find(eventKey(LONGEST_CONNECTION, 'missing')), undefined);
  });

  it('keeps any id\'s key within the limit and one to one', () => {
    const id = fc.oneof(fc.string({ unit: 'binary', maxLength: 3_000 }), fc.string({ unit: fc.constantFrom('"', '\\', '\u0000', 'é', '🚗', 'a'), minLength: 300, maxLength: 2_500 }));
    fc.assert(fc.property(id, id, (a, b) => {
      const key = eventKey(LONGEST_CONNECTION, fittedId(a));
      assert.ok(key.length <= SHORT_TEXT_MAX);
      if (a !== b) assert.notEqual(fittedId(a), fittedId(b));
    }), { numRuns: 200 });
  });

  it('shortens a long change field name to fit, and the host finds the change by it', () => {
    const field = `settings.${'f'.repeat(SHORT_TEXT_MAX)}`;
    const event = buildEvent({ changes: [{ field: 'role', old: 'a', new: 'b' }, { field: fittedField(field), old: 'x', new: 'y' }, { field, old: 1, new: 2 }] });
    const posted = fitEvent(event);
    const name = posted.changes[2]?.field as string;
    assert.notEqual(posted.changes[1]?.field, name, 'a field named like a shortened one is shortened too');
    assert.equal(findChange(event, posted.changes[1]?.field as string)?.new, 'y');
    assert.ok(name.length <= SHORT_TEXT_MAX && name.startsWith('settings.fff') && name !== field);
    assert.ok(takesWebview({ type: 'openDiff', requestId: 1, eventKey: eventKey('c1', event.id), field: name }));
    assert.equal(findChange(event, name)?.field, field);
    assert.equal(findChange(event, 'role')?.new, 'b');
    assert.equal(fittedField('role'), 'role');
  });
});

describe('panel limits: a refused message is said, never dropped in silence', () => {
  it('tells why the webview refuses a host message, naming the field but none of its text', () => {
    const secret = 'tok-SECRET-1234567890';
    const checked = checkHostMessage({ type: 'events', runId: 1, connectionId: 'c1', events: [buildEvent(), buildEvent({ description: secret.repeat(5_000) })] });
    assert.deepEqual(checked, { ok: false, problems: ['events[1].description: over 100,000 characters'] });
    assert.ok(takesWebview({ type: 'refused', refused: 'events', problems: checked.ok ? [] : checked.problems }), 'the report is itself in the protocol');
    const unknown = checkHostMessage({ type: secret, [secret]: secret });
    assert.ok(!unknown.ok && !JSON.stringify(unknown).includes('SECRET'));
  });

  it('answers a copy of more than 100,000 rows with what to do instead', () => {
    const request = { type: 'copyRows', requestId: 9, eventKeys: Array.from({ length: 100_001 }, (_, n) => eventKey('c1', `e${n}`)), format: 'csv' };
    const checked = checkWebviewMessage(request);
    assert.ok(!checked.ok);
    const reply = refusedRequestReply(request, checked.problems);
    assert.equal(reply?.requestId, 9);
    assert.match(reply?.message ?? '', /^Too many rows to copy \(100,001; at most 100,000 at once\): export them to a file instead/);
    assert.ok(takesHost({ type: 'reply', requestId: 9, ok: false, message: reply?.message }), 'the reply is in the protocol');
  });

  it('answers any other refused request that carries a request id, and only those', () => {
    const request = { type: 'openRaw', requestId: 4, eventKey: 'k'.repeat(SHORT_TEXT_MAX + 1) };
    const checked = checkWebviewMessage(request);
    assert.ok(!checked.ok);
    const reply = refusedRequestReply(request, checked.problems);
    assert.equal(reply?.requestId, 4);
    assert.match(reply?.message ?? '', /eventKey: over 2,000 characters.*Re-run the search and try again/);
    assert.ok(!(reply?.message ?? '').includes('kkkk'), 'the reply does not echo the request');
    for (const other of [{ type: 'openRaw', eventKey: 'x'.repeat(3_000) }, { type: 'openRaw', requestId: -1 }, { type: 'openRaw', requestId: '4' }, null, 'copyRows']) {
      assert.equal(refusedRequestReply(other, ['x']), undefined);
    }
  });
});
