// Runs in the driver's packaged window, where Audit Lens is not the repository but installed
// from the .vsix that `npm run package` builds. What goes into the package is the allow-list
// in .vscodeignore: each test here fails when a file the installed extension needs was left
// out (or a file that must stay out went in), which no suite run from the repository can see.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { AuditLensApi } from '../../../src/extension/extension';
import { api, extensionId, waitFor } from './extension-helpers';
import { closeAllEditors, lastStatus, newestPanel, spyOnPanel } from './hardening-helpers';
import { fileUri, writeFile } from './savedSearch-helpers';

/** The repository the suites were bundled from: they run from its .cache/vscode-suite. */
const repoRoot = path.resolve(__dirname, '..', '..');

function installed(): vscode.Extension<AuditLensApi> {
  const extension = vscode.extensions.getExtension<AuditLensApi>(extensionId);
  assert.ok(extension, `${extensionId} is not installed`);
  return extension;
}

/** Every file of the installed extension, relative to its folder, with "/" separators. */
function packagedFiles(root: string, dir = root): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return packagedFiles(root, full);
    return [path.relative(root, full).split(path.sep).join('/')];
  });
}

function assertShipped(root: string, relative: string, what: string): string {
  const file = path.join(root, relative);
  assert.ok(fs.existsSync(file) && fs.statSync(file).size > 0, `${what} (${relative}) is not in the package`);
  return file;
}

describe('packaged: the extension installed from its .vsix', () => {
  let root: string;

  before(() => {
    root = installed().extensionPath;
  });

  after(async () => {
    await closeAllEditors();
    const { services } = await api();
    await services.demo.disable();
  });

  it('is the installed copy, not the repository, and activates', async () => {
    const repoManifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
    assert.strictEqual(repoManifest.name, 'audit-lens', `the suites run from the repository's .cache (${repoRoot})`);
    assert.ok(path.relative(repoRoot, root).startsWith('..'), `the extension runs from ${root}, inside the repository`);
    assert.strictEqual(path.basename(root), `${extensionId}-${repoManifest.version}`);
    // VS Code's record of what it installed, and from where.
    const record = JSON.parse(fs.readFileSync(path.join(path.dirname(root), 'extensions.json'), 'utf8')) as
      Array<{ identifier: { id: string }; metadata?: { source?: string } }>;
    assert.strictEqual(record.find((e) => e.identifier.id === extensionId)?.metadata?.source, 'vsix');

    const extension = installed();
    const exported = await extension.activate();
    assert.strictEqual(extension.isActive, true);
    assert.ok(exported.services, 'activate() returns the API');
  });

  it('ships every file the manifest names and every bundle the extension loads on demand', () => {
    const manifest = installed().packageJSON as {
      main: string;
      icon: string;
      contributes: { viewsContainers: { activitybar: Array<{ icon: string }> }; views: Record<string, Array<{ icon?: string }>> };
    };
    assertShipped(root, manifest.main, 'the extension bundle');
    assertShipped(root, manifest.icon, 'the icon');
    for (const { icon } of manifest.contributes.viewsContainers.activitybar) assertShipped(root, icon, 'the activity bar icon');
    for (const view of Object.values(manifest.contributes.views).flat()) if (view.icon) assertShipped(root, view.icon, 'a view icon');
    const bundle = fs.readFileSync(path.join(root, manifest.main), 'utf8');
    const lazy = [...bundle.matchAll(/require\("\.\/([^"]+\.js)"\)/g)].map((m) => m[1] as string);
    assert.deepStrictEqual([...new Set(lazy)].sort(), ['lazyEmulator.js', 'lazyHttp.js']);
    for (const name of lazy) assertShipped(path.dirname(path.join(root, manifest.main)), name, 'a lazily loaded bundle');
  });

  it('holds no source maps, sources, tests or node_modules', () => {
    const files = packagedFiles(root);
    assert.ok(files.includes('package.json') && files.length > 5, `files: ${files.join(', ')}`);
    const unwanted = files.filter((file) => /\.(map|ts|tsx|vsix)$/.test(file)
      || /^(src|test|node_modules|\.vscode|\.cache|bench|scripts|docs)\//.test(file));
    assert.deepStrictEqual(unwanted, []);
  });

  it('runs Try the Demo end to end: the emulator starts, a search fetches events over HTTP, the panel shows them', async () => {
    const demo = await vscode.commands.executeCommand<{ connections: string[] }>('auditLens.tryDemo');
    assert.strictEqual(demo?.connections.length, 5, 'one demo connection per vendor');
    const { services } = await api();
    assert.ok(services.demo.running, 'the demo emulator runs');

    await vscode.commands.executeCommand('auditLens.quickSearch', 'all', 'since:30d');
    const panel = await newestPanel();
    const { sent } = spyOnPanel(panel);
    // Nothing here posts "ready" for the webview: messages reach the spy only once the
    // packaged panel.js has loaded and said so itself (the reload makes it say it again).
    panel.panel.reveal();
    await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
    const done = await waitFor('the webview to load and the search to end', () => {
      const status = lastStatus(sent);
      return status && status.phase !== 'running' ? status : undefined;
    }, 20_000);
    assert.ok(['done', 'paused'].includes(done.phase), `phase ${done.phase}: ${JSON.stringify(done.errors)}`);
    assert.deepStrictEqual(done.errors, []);
    assert.ok(done.loaded > 0, 'the demo returned events');
    const vendors = new Set(sent.flatMap((m) => (m.type === 'events' ? m.events.map((e) => e.vendor) : [])));
    assert.strictEqual(vendors.size, 5, `events from ${[...vendors].join(', ')}`);

    // The lazy bundles that did the work are the installed ones.
    const loaded = Object.keys(require.cache);
    for (const name of ['lazyEmulator.js', 'lazyHttp.js']) {
      assert.ok(loaded.includes(path.join(root, 'dist', name)), `${name} was not loaded from ${root}`);
    }
  });

  it('loads the results panel\'s script, stylesheet and codicon font from files in the package', async () => {
    const { services } = await api();
    const panel = services.panels.openPanels().at(-1);
    assert.ok(panel, 'the demo search left a panel open');
    const { webview } = panel.panel;
    const webviewDir = vscode.Uri.joinPath(installed().extensionUri, 'dist', 'webview');
    for (const name of ['panel.js', 'panel.css']) {
      const uri = webview.asWebviewUri(vscode.Uri.joinPath(webviewDir, name)).toString();
      assert.ok(webview.html.includes(`"${uri}"`), `the panel's HTML loads ${name} from the installed extension`);
      assertShipped(root, `dist/webview/${name}`, `the webview's ${name}`);
    }
    assert.ok(webview.options.localResourceRoots?.some((r) => r.toString() === webviewDir.toString()), 'the webview may read dist/webview');
    const css = fs.readFileSync(path.join(webviewDir.fsPath, 'panel.css'), 'utf8');
    // Relative file urls, without their cache-busting query.
    const files = [...css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)]
      .map((m) => m[1] as string).filter((u) => !u.startsWith('data:')).map((u) => u.split(/[?#]/)[0] as string);
    assert.ok(files.some((file) => /codicon.*\.ttf$/.test(file)), `panel.css names the codicon font (urls: ${files.join(', ')})`);
    for (const file of files) assertShipped(webviewDir.fsPath, file, 'a file panel.css loads');
  });

  it('ships the saved-search schema that jsonValidation names, and VS Code checks the workspace file with it', async () => {
    const manifest = installed().packageJSON as { contributes: { jsonValidation: Array<{ fileMatch: string; url: string }> } };
    assert.deepStrictEqual(manifest.contributes.jsonValidation, [{ fileMatch: '/.vscode/audit-lens.json', url: './schemas/audit-lens.schema.json' }]);
    const schema = JSON.parse(fs.readFileSync(assertShipped(root, 'schemas/audit-lens.schema.json', 'the JSON schema'), 'utf8')) as { properties?: Record<string, unknown> };
    assert.ok(schema.properties?.searches, 'the schema describes "searches"');

    await writeFile(JSON.stringify({ version: 1, searches: [{ name: 'Typo', connection: 'all', qeury: 'since:1d' }] }, null, 2));
    try {
      const editor = await vscode.window.showTextDocument(fileUri());
      const problems = await waitFor('the JSON language server to check the file', () => {
        const found = vscode.languages.getDiagnostics(fileUri());
        return found.length > 0 ? found : undefined;
      }, 20_000);
      const marked = problems.map((d) => editor.document.getText(d.range));
      assert.ok(marked.includes('"qeury"'), `marked: ${marked.join(', ')}; ${problems.map((d) => d.message).join('; ')}`);
    } finally {
      await closeAllEditors();
      await vscode.workspace.fs.delete(fileUri()).then(undefined, () => undefined);
    }
  });
});
