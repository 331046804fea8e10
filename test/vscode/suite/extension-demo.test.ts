import * as assert from 'assert';
import * as vscode from 'vscode';
import { search } from '../../../src/core/search/engine';
import type { AuditEvent } from '../../../src/core/model';
import type { TreeNode } from '../../../src/extension/tree/treeNodes';
import { api, setUserConnections, waitFor, withPrompts } from './extension-helpers';
import { lastStatus, newestPanel, spyOnPanel } from './hardening-helpers';

describe('extension: demo mode, tree and trace search', () => {
  let traceId: string;

  before(async () => {
    const result = await vscode.commands.executeCommand<{ connections: string[]; traceId?: string }>('auditLens.tryDemo');
    assert.ok(result?.traceId, 'the demo names a shared trace id');
    traceId = result.traceId;
  });

  after(async () => {
    const { services } = await api();
    await services.demo.disable();
  });

  it('adds one demo connection per vendor, marked demo, with the emulator on loopback', async () => {
    const { services } = await api();
    const demo = services.connections.all().filter((c) => c.demo);
    assert.deepStrictEqual(demo.map((c) => c.vendor).sort(), ['axp', 'descope', 'perfecto', 'surfsight', 'zluri']);
    for (const connection of demo) assert.match(connection.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\//);
    assert.ok(services.demo.running);
  });

  it('shows the demo connections (ready) and the demo saved searches in the tree', async () => {
    const { services } = await api();
    const roots = await services.tree.getChildren();
    const labels = roots.map((n) => services.tree.getTreeItem(n).label);
    assert.ok(labels.includes('Connections') && labels.includes('My Searches'), `roots: ${labels.join(', ')}`);
    const connectionsGroup = roots.find((n) => n.kind === 'group' && n.group === 'connections') as TreeNode;
    const connections = await services.tree.getChildren(connectionsGroup);
    const demoNodes = connections.filter((n) => n.kind === 'connection' && n.connection.demo);
    assert.strictEqual(demoNodes.length, 5);
    for (const node of demoNodes) assert.strictEqual(node.kind === 'connection' && node.state.kind, 'ready');
    const userGroup = roots.find((n) => n.kind === 'group' && n.group === 'user') as TreeNode;
    const [demoFolder] = await services.tree.getChildren(userGroup);
    assert.strictEqual(demoFolder?.kind === 'folder' && demoFolder.path, 'Demo');
    const searches = await services.tree.getChildren(demoFolder);
    assert.ok(searches.length >= 4);
    const item = services.tree.getTreeItem(searches[0] as TreeNode);
    assert.strictEqual(item.command?.command, 'auditLens.runSavedSearch', 'clicking a saved search runs it');
  });

  it('runs a demo saved search from its tree node', async () => {
    const { services } = await api();
    const node = { kind: 'search', store: 'user', name: 'Descope, last 24 hours', folder: 'Demo' };
    const opened = await vscode.commands.executeCommand<{ query: string; scope: unknown }>('auditLens.runSavedSearch', node);
    assert.deepStrictEqual(opened, { query: 'since:24h', scope: ['demo-descope'], title: 'Descope, last 24 hours' });
    assert.strictEqual(services.recent.list()[0]?.query, 'since:24h');
  });

  it('searches a trace id in every connection at once and the vendors\' events merge', async () => {
    const { services } = await api();
    const opened = await vscode.commands.executeCommand<{ query: string; scope: unknown }>('auditLens.searchTraceId', traceId, '30d');
    assert.deepStrictEqual(opened, { query: `trace:${traceId} since:30d`, scope: 'all', title: `Trace ${traceId.slice(0, 12)}…` });
    assert.deepStrictEqual(services.launcher.lastOpened?.scope, 'all');
    // The same targets and options the panel gets: the trace is found at more than one vendor.
    const { targets, skipped } = await services.backend.resolve('all');
    assert.deepStrictEqual(skipped, []);
    const now = Date.now();
    const events: AuditEvent[] = [];
    for await (const update of search(targets, { from: new Date(now - 30 * 86_400_000).toISOString(), to: new Date(now).toISOString(), traceId }, services.backend.searchOptions())) {
      if (update.kind === 'page') events.push(...update.events);
    }
    const vendors = new Set(events.map((e) => e.vendor));
    assert.ok(vendors.size >= 2, `trace found at ${[...vendors].join(', ')}`);
    assert.ok(events.every((e) => e.traceId === traceId));
  });

  it('an "all" search leaves out a connection without a credential, and the panel says so', async () => {
    const { services } = await api();
    await setUserConnections([{ id: 'no-key-zluri', label: 'No Key Zluri', vendor: 'zluri', baseUrl: 'https://zluri.example.com' }]);
    try {
      await waitFor('the connection', () => services.connections.get('no-key-zluri'));
      const { targets, skipped } = await services.backend.resolve('all');
      assert.ok(targets.length === 5 && !targets.some((t) => t.connection.id === 'no-key-zluri'));
      assert.strictEqual(skipped.length, 1);
      assert.match(skipped[0] as string, /^No Key Zluri was not searched: /);
      await vscode.commands.executeCommand('auditLens.quickSearch', 'all', 'since:1h');
      const panel = await newestPanel();
      const { sent } = spyOnPanel(panel);
      panel.receive({ type: 'ready' }); // replays the run's status to the spy
      await waitFor('the notice in the panel', () => lastStatus(sent)?.notices.some((n) => n.startsWith('No Key Zluri was not searched: ')));
    } finally {
      await setUserConnections([]);
    }
  });

  it('takes the trace id under the cursor of a log file and asks the range (last 7 days first)', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'log', content: `12:00:01 INFO start\n12:00:02 ERROR upstream failed trace_id=${traceId} status=502\n` });
    const editor = await vscode.window.showTextDocument(document);
    const column = document.lineAt(1).text.indexOf(traceId) + 5;
    editor.selection = new vscode.Selection(1, column, 1, column);
    const opened = await withPrompts([{ pick: 'Last 7 days' }], async (prompts) => {
      const result = await vscode.commands.executeCommand<{ query: string }>('auditLens.searchTraceId');
      assert.ok(prompts.asked[0]?.startsWith('pick:'));
      return result;
    });
    assert.strictEqual(opened?.query, `trace:${traceId} since:7d`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('turns trace ids in log files into links and hovers that run the trace search', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'log', content: `GET /api 500 traceparent=00-${traceId}-b7ad6b7169203331-01\n` });
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri);
    const link = links.find((l) => l.target?.scheme === 'command');
    assert.ok(link, 'a trace link is provided');
    assert.strictEqual(document.getText(link.range), traceId);
    assert.strictEqual(link.target?.path, 'auditLens.searchTraceId');
    assert.deepStrictEqual(JSON.parse(decodeURIComponent(link.target?.query ?? '')), [traceId]);
    const position = link.range.start.translate(0, 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /Search audit logs for this trace id/);
  });

  it('opens a quick search with a query typed in the palette language', async () => {
    const { services } = await api();
    const opened = await vscode.commands.executeCommand<{ query: string; scope: unknown }>('auditLens.quickSearch', 'all', 'status:failure since:7d');
    assert.deepStrictEqual(opened, { query: 'status:failure since:7d', scope: 'all' });
    assert.strictEqual(services.recent.list()[0]?.query, 'status:failure since:7d');
    const refused = await vscode.commands.executeCommand('auditLens.quickSearch', 'all', 'status:maybe');
    assert.strictEqual(refused, undefined, 'an invalid query opens nothing');
    assert.strictEqual(services.launcher.lastOpened?.query, 'status:failure since:7d');
  });

  it('picks a connection for a quick search', async () => {
    const scripted = await withPrompts([{ pick: 'Demo Perfecto' }], async () => {
      const { services } = await api();
      // Only the scope is asked here; the query is given, as the results panel's re-run does.
      return vscode.commands.executeCommand<{ scope: unknown }>('auditLens.quickSearch', undefined, 'actor:bob').then((r) => ({ r, services }));
    });
    assert.deepStrictEqual(scripted.r?.scope, ['demo-perfecto']);
  });

  it('saves the active search to user storage', async () => {
    const { services } = await api();
    const ref = await vscode.commands.executeCommand<{ store: string; name: string; folder?: string }>('auditLens.saveSearch', { name: 'Mine/Bob', store: 'user' });
    assert.deepStrictEqual(ref, { store: 'user', name: 'Bob', folder: 'Mine' });
    const saved = services.savedSearches.find({ store: 'user', name: 'Bob', folder: 'Mine' });
    assert.strictEqual(saved.connection, 'demo-perfecto');
    assert.strictEqual(saved.query, 'actor:bob');
  });
});
