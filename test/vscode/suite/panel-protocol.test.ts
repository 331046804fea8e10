// The results panel's protocol in a real extension host and workbench: the real webview
// announces `ready`, the host streams rows, and requests posted as the webview posts them
// get replies. Forged messages (reliability row 11) are ignored and logged.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EMULATOR_CREDENTIALS } from '../../../src/emulator/credentials';
import type { AuditEvent } from '../../../src/core/model';
import { eventKey } from '../../../src/shared/protocol';
import type { HostMessage } from '../../../src/shared/protocol';
import { api, waitFor } from './extension-helpers';
import { closeAllEditors, lastStatus, logText, newestPanel, spyOnPanel, watchUnhandledRejections } from './hardening-helpers';

type EventsMessage = Extract<HostMessage, { type: 'events' }>;

function rows(sent: readonly HostMessage[]) {
  return sent.filter((m): m is EventsMessage => m.type === 'events').flatMap((m) => m.events);
}

/** The key the webview would send for an event the host posted: its message names the connection. */
function keyOf(sent: readonly HostMessage[], event: AuditEvent): string {
  const message = sent.find((m): m is EventsMessage => m.type === 'events' && m.events.includes(event));
  assert.ok(message, `event ${event.id} was posted`);
  return eventKey(message.connectionId, event.id);
}

function replyTo(sent: readonly HostMessage[], requestId: number) {
  return sent.find((m): m is Extract<HostMessage, { type: 'reply' }> => m.type === 'reply' && m.requestId === requestId);
}

describe('panel: the webview protocol in a real extension host', () => {
  const config = () => vscode.workspace.getConfiguration('auditLens');

  before(async () => {
    await vscode.commands.executeCommand('auditLens.tryDemo');
    await config().update('maxEvents', 25, vscode.ConfigurationTarget.Global);
    const { services } = await api();
    await waitFor('maxEvents to apply', () => services.settings.value.maxEvents === 25);
  });

  after(async () => {
    await closeAllEditors();
    for (const key of ['maxEvents', 'columns', 'requestTimeoutSeconds']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    const { services } = await api();
    await services.demo.disable();
  });

  it('streams rows once the real webview is ready, pauses at maxEvents, and "load more" continues', async () => {
    await vscode.commands.executeCommand('auditLens.quickSearch', 'all', 'since:30d');
    const panel = await newestPanel();
    const { sent } = spyOnPanel(panel);
    const first = await waitFor('the first pause', () => { const s = lastStatus(sent); return s?.phase === 'paused' ? s : undefined; }, 20_000);
    assert.strictEqual(sent[0]?.type, 'search', 'the search header comes first');
    assert.ok(first.loaded >= 25 && first.more, `paused after ${first.loaded} events with more to load`);
    assert.strictEqual(rows(sent).length, first.loaded);
    panel.receive({ type: 'loadMore' });
    const second = await waitFor('the second pause', () => { const s = lastStatus(sent); return s && s.loaded >= 50 && s.phase !== 'running' ? s : undefined; }, 20_000);
    assert.strictEqual(rows(sent).length, second.loaded, 'every loaded event reached the webview');
    assert.strictEqual(new Set(rows(sent).map((e) => `${e.vendor}:${e.id}`)).size, second.loaded, 'no event sent twice');
  });

  it('answers copy rows, copy as cURL and unknown events with replies; no cURL holds a credential (row 17)', async () => {
    const panel = await newestPanel();
    const { sent } = spyOnPanel(panel);
    panel.receive({ type: 'ready' }); // as after a reload: the host replays the run
    await waitFor('the replay', () => rows(sent).length >= 50);
    panel.receive({ type: 'fetchAll' });
    await waitFor('the whole range', () => lastStatus(sent)?.phase === 'done', 30_000);
    const events = rows(sent);
    const first = events[0];
    assert.ok(first);
    panel.receive({ type: 'copyRows', requestId: 101, eventKeys: [keyOf(sent, first)], format: 'json' });
    const copied = await waitFor('the copy reply', () => replyTo(sent, 101));
    assert.deepStrictEqual({ ok: copied.ok, message: copied.message }, { ok: true, message: 'Copied 1 row as json.' });
    assert.ok((await vscode.env.clipboard.readText()).includes(first.id));

    const vendors = [...new Set(events.map((e) => e.vendor))];
    assert.ok(vendors.length >= 3, `events from ${vendors.join(', ')}`);
    const secrets = Object.values(EMULATOR_CREDENTIALS).flatMap((c) => [c.token, c.appKey, ...c.token.split(':')]).filter((s): s is string => Boolean(s));
    for (const [index, vendor] of vendors.entries()) {
      const event = events.find((e) => e.vendor === vendor);
      assert.ok(event);
      panel.receive({ type: 'copyCurl', requestId: 200 + index, eventKey: keyOf(sent, event) });
      const reply = await waitFor(`the cURL reply for ${vendor}`, () => replyTo(sent, 200 + index));
      assert.ok(reply.ok, reply.message);
      const curl = await vscode.env.clipboard.readText();
      assert.match(curl, /^curl -X (GET|POST) "http:\/\/127\.0\.0\.1:\d+\//);
      assert.ok(curl.includes('${AUDIT_LENS_TOKEN}'), `${vendor}: the credential is a placeholder`);
      for (const secret of secrets) assert.ok(!curl.includes(secret), `${vendor}: the cURL command holds a credential`);
      for (const secret of secrets) assert.ok(!reply.message.includes(secret));
    }

    panel.receive({ type: 'openRaw', requestId: 300, eventKey: eventKey('demo-zluri', 'no-such-event') });
    const missing = await waitFor('the refusal', () => replyTo(sent, 300));
    assert.deepStrictEqual({ ok: missing.ok, message: missing.message }, { ok: false, message: 'That event is no longer loaded. Re-run the search.' });
  });

  it('logs each message the webview refused, by its type and the rule it broke, never its text', async () => {
    const panel = await newestPanel();
    const problems = ['events[1].description: over 100,000 characters'];
    panel.receive({ type: 'refused', refused: 'events', problems });
    panel.receive({ type: 'refused', refused: 'status', problems: ['status.notices[0]: over 100,000 characters'] });
    const log = await logText(/the webview refused a "status" message/);
    assert.ok(log.includes('the webview refused a "events" message from the extension (events[1].description: over 100,000 characters); the panel may be missing rows or status.'), log);
  });

  it('ignores forged messages (unknown type, wrong shape, a command id) and logs each; a malformed request is answered as refused (row 11)', async () => {
    const { services } = await api();
    const panel = await newestPanel();
    const { sent } = spyOnPanel(panel);
    const panelsBefore = services.panels.openPanels().length;
    const connectionsBefore = JSON.stringify(services.connections.all());
    const emulator = services.demo.current;
    assert.ok(emulator);
    const requestsBefore = emulator.requests.length;
    const statusBefore = lastStatus(sent);
    const forged: unknown[] = [
      { type: 'executeCommand', command: 'auditLens.removeConnection', args: ['demo-zluri'] },
      { type: 'auditLens.removeConnection' },
      { type: 'command', id: 'workbench.action.terminal.new' },
      'auditLens.removeConnection',
      { type: 'run' },
      { type: 'run', query: 42 },
      { type: 'copyCurl', requestId: -1, eventKey: 'x' },
      { type: 'surrounding', eventKey: 'x', by: 'everyone', minutes: 5 },
      { type: 'surrounding', eventKey: 'x', by: 'actor', minutes: 10_000_000 },
      { type: 'export', requestId: 1, format: 'exe', scope: 'all' },
      { type: 'x'.repeat(5_000) },
      { type: '<img src=x onerror=alert(1)>' },
      null,
      42,
      [{ type: 'ready' }],
    ];
    for (const message of forged) panel.receive(message);
    const log = await logText(/not in the protocol \(type "<img src=x onerror=alert\(1\)>"\)/);
    const ignored = log.split('\n').filter((line) => line.includes('Results panel: ignored a message that is not in the protocol'));
    assert.ok(ignored.length >= forged.length, `${ignored.length} forged messages logged`);
    assert.ok(log.includes('(type "executeCommand")') && log.includes('(type "auditLens.removeConnection")') && log.includes('(a string)') && log.includes('(null)'));
    assert.ok(!log.includes('x'.repeat(100)), 'a huge type is cut, not echoed');
    await new Promise((r) => setTimeout(r, 500));
    assert.deepStrictEqual(sent.filter((m) => m.type === 'search' || m.type === 'queryError'), [], 'no new run');
    // A request the webview is waiting on (a valid request id) is answered, as refused, whatever else is wrong with it.
    const replies = sent.filter((m) => m.type === 'reply');
    assert.deepStrictEqual(replies.map((m) => m.type === 'reply' && [m.requestId, m.ok]), [[1, false]], 'only the export with a request id is answered');
    assert.match(replies[0]?.type === 'reply' ? replies[0].message : '', /^The extension could not take that request \(format: not an allowed value\)\./);
    assert.strictEqual(lastStatus(sent)?.loaded ?? statusBefore?.loaded, statusBefore?.loaded);
    assert.strictEqual(services.panels.openPanels().length, panelsBefore, 'no panel opened');
    assert.strictEqual(JSON.stringify(services.connections.all()), connectionsBefore, 'no connection removed');
    assert.strictEqual(emulator.requests.length, requestsBefore, 'nothing was fetched');
  });

  it('copies and opens a record that repeats the credential with the credential replaced (row 17)', async () => {
    const { services } = await api();
    const emulator = services.demo.current;
    assert.ok(emulator);
    const token = EMULATOR_CREDENTIALS.zluri.token;
    const item = { _id: 'leaky-record', event: 'update_integration', event_timestamp: new Date(Date.now() - 600_000).toISOString(), event_description: `API key set to ${token}` };
    emulator.faults.add({ vendor: 'zluri', fault: { kind: 'raw-body', body: JSON.stringify({ count: 1, page: 1, page_size: 100, items: [item] }) } });
    try {
      await vscode.commands.executeCommand('auditLens.quickSearch', 'demo-zluri', 'since:1d');
      const panel = await newestPanel();
      const { sent } = spyOnPanel(panel);
      panel.receive({ type: 'ready' });
      await waitFor('the record', () => rows(sent).some((e) => e.id === 'leaky-record'));
      panel.receive({ type: 'copyRows', requestId: 401, eventKeys: [eventKey('demo-zluri', 'leaky-record')], format: 'json' });
      assert.strictEqual((await waitFor('the copy reply', () => replyTo(sent, 401))).ok, true);
      const copied = await vscode.env.clipboard.readText();
      assert.ok(copied.includes('API key set to <redacted>') && !copied.includes(token), copied);
      panel.receive({ type: 'openRaw', requestId: 402, eventKey: eventKey('demo-zluri', 'leaky-record') });
      // The raw record opens in an editor over the panel (its reply waits until the panel shows again).
      const raw = await waitFor('the raw record', () => {
        const text = vscode.window.activeTextEditor?.document.getText();
        return text?.includes('leaky-record') ? text : undefined;
      });
      assert.ok(raw.includes('<redacted>') && !raw.includes(token), raw);
    } finally {
      emulator.faults.clear();
      await closeAllEditors();
    }
  });

  it('a paused search loads more after an unrelated setting, then a network setting, changed (adding a connection writes one)', async () => {
    const watch = watchUnhandledRejections();
    try {
      await vscode.commands.executeCommand('auditLens.quickSearch', 'all', 'since:30d');
      const panel = await newestPanel();
      const { sent } = spyOnPanel(panel);
      const paused = (atLeast: number) => waitFor(`a pause after ${atLeast} events`, () => {
        const status = lastStatus(sent);
        return status && status.loaded >= atLeast && status.phase !== 'running' ? status : undefined;
      }, 20_000);
      const first = await paused(25);
      assert.strictEqual(first.phase, 'paused');

      await config().update('columns', ['time', 'vendor', 'action'], vscode.ConfigurationTarget.Global);
      panel.receive({ type: 'loadMore' });
      const second = await paused(first.loaded + 1);
      assert.deepStrictEqual(second.errors, [], 'after changing columns');
      assert.strictEqual(second.phase, 'paused');

      await config().update('requestTimeoutSeconds', 45, vscode.ConfigurationTarget.Global);
      const { services } = await api();
      await waitFor('the timeout to apply', () => services.settings.value.requestTimeoutSeconds === 45);
      panel.receive({ type: 'loadMore' });
      const third = await paused(second.loaded + 1);
      assert.deepStrictEqual(third.errors, [], 'after changing the timeout');
      assert.deepStrictEqual(watch.rejections, []);
    } finally {
      watch.stop();
    }
  });
});
