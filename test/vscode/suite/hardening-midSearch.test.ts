// Reliability row 16: a search stopped half-way, by closing its panel, by the extension
// disposing it (what deactivation does) or by the webview reloading. Nothing may reject
// unhandled, post to a dead webview, keep a socket open or keep fetching.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Emulator } from '../../../src/emulator/server';
import type { ResultsPanel } from '../../../src/extension/panel/resultsPanel';
import { api, waitFor } from './extension-helpers';
import { addEmulatorConnection, lastStatus, logText, newestPanel, removeEmulatorConnection, spyOnPanel, watchUnhandledRejections } from './hardening-helpers';

const CONNECTION = { id: 'slow-zluri', label: 'Slow Zluri', vendor: 'zluri' } as const;

describe('hardening: a search stopped mid-way (row 16)', () => {
  let emulator: Emulator;

  before(async () => {
    ({ emulator } = await addEmulatorConnection(CONNECTION));
  });

  afterEach(() => emulator.faults.clear());

  after(() => removeEmulatorConnection(CONNECTION.id, emulator));

  /** Starts a 30-day search whose every page takes 2 s, and returns once a request is in flight. */
  async function startSlowSearch(): Promise<{ panel: ResultsPanel; spy: ReturnType<typeof spyOnPanel> }> {
    emulator.faults.add({ fault: { kind: 'latency', ms: 2000 }, vendor: 'zluri' });
    const before = emulator.requests.length;
    await vscode.commands.executeCommand('auditLens.quickSearch', CONNECTION.id, 'since:30d');
    const panel = await newestPanel();
    const spy = spyOnPanel(panel);
    await waitFor('a request in flight', () => emulator.requests.length > before && emulator.openSockets > 0);
    return { panel, spy };
  }

  for (const [how, stop] of [
    ['the user closes the panel', (panel: ResultsPanel) => panel.panel.dispose()],
    ['the extension disposes it (deactivation)', (panel: ResultsPanel) => panel.dispose()],
  ] as const) {
    it(`${how}: the request is cancelled, its socket freed, nothing posted after, nothing rejected, nothing logged as an error`, async () => {
      const logBefore = (await logText()).length;
      const watch = watchUnhandledRejections();
      try {
        const { panel, spy } = await startSlowSearch();
        const sentBefore = emulator.requests.length;
        stop(panel);
        await waitFor('every socket to close', () => emulator.openSockets === 0, 3000);
        await new Promise((r) => setTimeout(r, 2500)); // longer than a page: a stray fetch would show now
        assert.strictEqual(emulator.requests.length, sentBefore, 'no request after the stop');
        assert.strictEqual(emulator.openSockets, 0);
        assert.deepStrictEqual(spy.afterDispose, [], 'nothing posted to the closed webview');
        assert.deepStrictEqual(watch.rejections, [], 'no unhandled rejection');
        const newLog = (await logText()).slice(logBefore);
        assert.ok(!/\[error\]/.test(newLog), `no error logged:\n${newLog}`);
        const { services } = await api();
        assert.ok(!services.panels.openPanels().includes(panel), 'the panel is forgotten');
      } finally {
        watch.stop();
      }
    });
  }

  it('the webview reloads mid-search: the search goes on and the new webview gets every row again', async () => {
    const watch = watchUnhandledRejections();
    try {
      emulator.faults.add({ fault: { kind: 'latency', ms: 300 }, vendor: 'zluri' });
      await vscode.commands.executeCommand('auditLens.quickSearch', CONNECTION.id, 'since:30d');
      const panel = await newestPanel();
      const { sent } = spyOnPanel(panel);
      await waitFor('the first rows', () => (lastStatus(sent)?.loaded ?? 0) > 0, 10_000);
      panel.panel.reveal();
      await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
      const done = await waitFor('the end', () => { const s = lastStatus(sent); return s && s.phase !== 'running' ? s : undefined; }, 20_000);
      assert.ok(['done', 'paused'].includes(done.phase), done.phase);
      const searchHeaders = sent.filter((m) => m.type === 'search').length;
      assert.ok(searchHeaders >= 1);
      const ids = sent.flatMap((m) => (m.type === 'events' ? m.events.map((e) => e.id) : []));
      assert.ok(new Set(ids).size >= done.loaded, 'every loaded row reached the webview');
      assert.deepStrictEqual(watch.rejections, []);
      panel.panel.dispose();
      await waitFor('every socket to close', () => emulator.openSockets === 0, 8000);
    } finally {
      watch.stop();
    }
  });
});
