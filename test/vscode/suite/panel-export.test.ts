// Export and Copy as cURL from a results panel in a real extension host.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { eventKey } from '../../../src/shared/protocol';
import type { HostMessage } from '../../../src/shared/protocol';
import { api, waitFor, withPrompts } from './extension-helpers';
import { closeAllEditors, lastStatus, newestPanel, spyOnPanel } from './hardening-helpers';

function replyTo(sent: readonly HostMessage[], requestId: number) {
  return sent.find((m): m is Extract<HostMessage, { type: 'reply' }> => m.type === 'reply' && m.requestId === requestId);
}

describe('panel: export and Copy as cURL', () => {
  const config = () => vscode.workspace.getConfiguration('auditLens');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lens-export-'));

  before(async () => {
    await vscode.commands.executeCommand('auditLens.tryDemo');
    await config().update('maxEvents', 25, vscode.ConfigurationTarget.Global);
    await config().update('pageSize', { zluri: 10_000 }, vscode.ConfigurationTarget.Global);
    const { services } = await api();
    await waitFor('the settings', () => services.settings.value.maxEvents === 25 && services.settings.value.pageSize.zluri === 10_000);
  });

  after(async () => {
    await closeAllEditors();
    await config().update('maxEvents', undefined, vscode.ConfigurationTarget.Global);
    await config().update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    const { services } = await api();
    await services.demo.disable();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts the save dialog in the workspace folder and says a cancelled "export all" saved only part', async () => {
    await vscode.commands.executeCommand('auditLens.quickSearch', 'all', 'since:30d');
    const panel = await newestPanel();
    const { sent } = spyOnPanel(panel);
    await waitFor('the first pause', () => lastStatus(sent)?.phase === 'paused', 20_000);
    panel.receive({ type: 'cancel' });
    const status = await waitFor('the cancel', () => { const s = lastStatus(sent); return s?.phase === 'cancelled' ? s : undefined; });
    const target = vscode.Uri.file(path.join(dir, 'partial.csv'));
    const defaults = await withPrompts([{ save: target }], async (prompts) => {
      panel.receive({ type: 'export', requestId: 1, format: 'csv', scope: 'all' });
      const reply = await waitFor('the export reply', () => replyTo(sent, 1), 20_000);
      assert.ok(reply.ok, reply.message);
      assert.match(reply.message, new RegExp(`^Export cancelled before every event was fetched: saved only the first ${status.loaded} events`));
      return prompts.saveDefaults;
    });
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'the integration window has a workspace folder');
    assert.strictEqual(defaults[0]?.toString(), vscode.Uri.joinPath(folder, 'audit-events.csv').toString());
    const lines = fs.readFileSync(target.fsPath, 'utf8').trim().split('\n');
    assert.strictEqual(lines.length, status.loaded + 1, 'a header and the loaded events');
  });

  it('caps the page size of Copy as cURL at the vendor\'s maximum', async () => {
    await vscode.commands.executeCommand('auditLens.quickSearch', 'demo-zluri', 'since:7d');
    const panel = await newestPanel();
    const { sent } = spyOnPanel(panel);
    await waitFor('the first pause', () => { const p = lastStatus(sent)?.phase; return p === 'paused' || p === 'done'; }, 20_000);
    panel.receive({ type: 'ready' }); // replays the run's events to the spy
    const replayed = await waitFor('replayed events', () => sent.find((m): m is Extract<HostMessage, { type: 'events' }> => m.type === 'events'));
    const event = replayed.events[0];
    assert.ok(event, 'the search found Zluri events');
    panel.receive({ type: 'copyCurl', requestId: 2, eventKey: eventKey(replayed.connectionId, event.id) });
    const reply = await waitFor('the cURL reply', () => replyTo(sent, 2));
    assert.ok(reply.ok, reply.message);
    const curl = await vscode.env.clipboard.readText();
    assert.match(curl, /page_size=100\b/, curl);
    assert.ok(!curl.includes('10000'), curl);
  });
});
