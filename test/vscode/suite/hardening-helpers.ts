// Shared by the hardening-*.test.ts and panel-*.test.ts suites: the Audit Lens log as
// written to disk, a server that records every request, a grep over the run's data
// folders, a watch for unhandled rejections, and a spy on what a results panel posts.
import * as assert from 'assert';
import * as fs from 'fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Connection } from '../../../src/core/model';
import { EMULATOR_CREDENTIALS } from '../../../src/emulator/credentials';
import type { Emulator } from '../../../src/emulator/server';
import { startEmulator } from '../../../src/emulator/start';
import type { ResultsPanel } from '../../../src/extension/panel/resultsPanel';
import type { HostMessage } from '../../../src/shared/protocol';
import { api, setUserConnections, waitFor } from './extension-helpers';

/** The throw-away root of this VS Code run: the workspace, user and server data all live under it. */
export function runRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the harness opens a workspace folder');
  return path.dirname(folder.uri.fsPath);
}

function walk(dir: string, visit: (file: string) => void): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // removed while walking
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, visit);
    else if (entry.isFile()) visit(full);
  }
}

/** Every file under `root` whose bytes contain `needle` (as UTF-8 or UTF-16). */
export function filesContaining(root: string, needle: string): string[] {
  const utf8 = Buffer.from(needle, 'utf8');
  const utf16 = Buffer.from(needle, 'utf16le');
  const found: string[] = [];
  walk(root, (file) => {
    try {
      const bytes = fs.readFileSync(file);
      if (bytes.includes(utf8) || bytes.includes(utf16)) found.push(file);
    } catch {
      // a file that vanished or cannot be read holds nothing we could leak
    }
  });
  return found;
}

/** The "Audit Lens" log channel's files (the LogOutputChannel writes `Audit Lens.log`). */
function logFiles(): string[] {
  const files: string[] = [];
  walk(runRoot(), (file) => { if (path.basename(file) === 'Audit Lens.log') files.push(file); });
  return files;
}

/** The Audit Lens log so far, as written to disk. Waits for `until` to appear in it when given. */
export async function logText(until?: string | RegExp): Promise<string> {
  const read = () => logFiles().map((file) => fs.readFileSync(file, 'utf8')).join('\n');
  if (until === undefined) {
    await new Promise((r) => setTimeout(r, 600)); // the channel flushes to disk in batches
    return read();
  }
  return waitFor(`the log to show ${until}`, () => {
    const text = read();
    const found = typeof until === 'string' ? text.includes(until) : until.test(text);
    return found ? text : undefined;
  });
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/** A server that answers 200 `{}` and records every request: nothing may ever reach it. */
export async function startRecorder(): Promise<{ url: string; requests: RecordedRequest[]; close(): Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Collects unhandled promise rejections in the extension host while `stop` is not called. */
export function watchUnhandledRejections(): { rejections: unknown[]; stop(): void } {
  const rejections: unknown[] = [];
  const listener = (reason: unknown) => rejections.push(reason);
  process.on('unhandledRejection', listener);
  return { rejections, stop: () => process.off('unhandledRejection', listener) };
}

/** The newest open results panel. */
export async function newestPanel(): Promise<ResultsPanel> {
  const { services } = await api();
  return waitFor('a results panel', () => services.panels.openPanels().at(-1));
}

/**
 * Records what the host posts to a panel's webview (the real postMessage still runs).
 * `afterDispose` counts posts attempted once the panel was closed.
 */
export function spyOnPanel(panel: ResultsPanel): { sent: HostMessage[]; afterDispose: HostMessage[] } {
  const sent: HostMessage[] = [];
  const afterDispose: HostMessage[] = [];
  let disposed = false;
  panel.onDidDispose(() => { disposed = true; });
  const webview = panel.panel.webview;
  const real = webview.postMessage.bind(webview);
  webview.postMessage = (message: HostMessage) => {
    (disposed ? afterDispose : sent).push(message);
    return real(message);
  };
  return { sent, afterDispose };
}

/** The last status the host posted, if any. */
export function lastStatus(sent: readonly HostMessage[]): Extract<HostMessage, { type: 'status' }>['status'] | undefined {
  for (let i = sent.length - 1; i >= 0; i--) {
    const message = sent[i];
    if (message?.type === 'status') return message.status;
  }
  return undefined;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * A suite's own Zluri connection, in the user settings, to an emulator of its own; with the
 * emulator's key stored unless `credential` is false. Undo with `removeEmulatorConnection`.
 */
export async function addEmulatorConnection(
  definition: Pick<Connection, 'id' | 'label'>, credential = true,
): Promise<{ emulator: Emulator; connection: Connection }> {
  const { services } = await api();
  const emulator = await startEmulator();
  await setUserConnections([{ ...definition, vendor: 'zluri', baseUrl: emulator.baseUrl('zluri') }]);
  const connection = await waitFor('the connection', () => services.connections.get(definition.id));
  if (credential) await services.credentials.write(connection, { token: EMULATOR_CREDENTIALS.zluri.token });
  return { emulator, connection };
}

/** Closes the editors, forgets the connection and its credential, and stops its emulator. */
export async function removeEmulatorConnection(id: string, emulator: Emulator): Promise<void> {
  const { services } = await api();
  await closeAllEditors();
  await services.credentials.delete(id);
  await setUserConnections([]);
  await emulator.close();
}
