/**
 * A test host for the built webview: serves dist/webview with the real panel HTML and CSP,
 * provides `acquireVsCodeApi` the way VS Code does, and posts protocol messages to it.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { chunkEvents } from '../../src/extension/panel/chunks';
import { createNonce, renderPanelHtml } from '../../src/extension/panel/html';
import type { AuditEvent } from '../../src/core/model';
import { eventKey } from '../../src/shared/protocol';
import type { ConnectionInfo, HostMessage, RunStatus, WebviewMessage } from '../../src/shared/protocol';
import type { ThemeKind } from './themes';
import { THEMES } from './themes';

const ORIGIN = 'https://panel.test';
const DIST = path.resolve(__dirname, '../../dist/webview');
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf' };

export async function launch(): Promise<Browser> {
  if (!existsSync(path.join(DIST, 'panel.js'))) throw new Error('dist/webview/panel.js is missing: run `npm run test:webview`, which builds it first.');
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface PanelPage {
  page: Page;
  /** Every request the page made outside the panel's own files. */
  foreignRequests: string[];
  send(...messages: HostMessage[]): Promise<void>;
  posted(): Promise<WebviewMessage[]>;
  state(): Promise<unknown>;
}

export async function openPanel(browser: Browser, options: { theme?: ThemeKind; state?: unknown; width?: number; height?: number } = {}): Promise<PanelPage> {
  const page = await browser.newPage({ viewport: { width: options.width ?? 1400, height: options.height ?? 860 } });
  const foreignRequests: string[] = [];
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) {
      foreignRequests.push(url.href);
      return route.abort();
    }
    if (url.pathname === '/') {
      const nonce = createNonce();
      const body = renderPanelHtml({ cspSource: ORIGIN, nonce, scriptUri: `${ORIGIN}/panel.js`, styleUri: `${ORIGIN}/panel.css` });
      return route.fulfill({ status: 200, contentType: 'text/html', body });
    }
    const file = path.join(DIST, path.basename(url.pathname));
    if (!existsSync(file)) {
      foreignRequests.push(url.href);
      return route.fulfill({ status: 404, body: '' });
    }
    return route.fulfill({ status: 200, contentType: TYPES[path.extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
  });
  const theme = options.theme ?? 'dark';
  // A string, not a function: the test runner's transpiler would add helpers the page lacks.
  await page.addInitScript(`(() => {
    const state = ${JSON.stringify(options.state ?? null)};
    const vars = ${JSON.stringify(THEMES[theme])};
    window.__posted = [];
    window.__state = state === null ? undefined : state;
    window.__xss = false;
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => window.__state,
      setState: (s) => { window.__state = s; return s; },
    });
    document.addEventListener('DOMContentLoaded', () => {
      for (const [name, value] of Object.entries(vars)) document.documentElement.style.setProperty('--vscode-' + name, value);
      document.body.classList.add('vscode-${theme}');
      document.body.dataset.vscodeThemeKind = 'vscode-${theme}';
    });
  })();`);
  await page.goto(`${ORIGIN}/`);
  // Page-side code avoids DOM type names: the host tsconfig has no DOM lib (polled predicates cannot be strings: the CSP forbids eval).
  await page.waitForFunction(() => (globalThis as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
  return {
    page,
    foreignRequests,
    send: async (...messages) => {
      await page.evaluate(`for (const m of ${JSON.stringify(messages)}) window.postMessage(m, '*');`);
    },
    posted: () => page.evaluate<WebviewMessage[]>('window.__posted'),
    state: () => page.evaluate<unknown>('window.__state'),
  };
}

export function status(loaded: number, overrides: Partial<RunStatus> = {}): RunStatus {
  return { phase: 'done', loaded, pages: Math.ceil(loaded / 100), total: loaded, more: false, complete: true, localFilters: [], notices: [], warnings: 0, errors: [], ...overrides };
}

export const RANGE = { from: '2025-12-04T10:00:00.000Z', to: '2025-12-04T12:00:00.000Z' };

/** Events of one connection, streamed as one batch. */
export interface ConnectionEvents {
  connection: ConnectionInfo;
  events: AuditEvent[];
}

const DEMO: ConnectionInfo = { id: 'demo', label: 'Demo', vendor: 'perfecto' };

/** A whole run the way the host streams it: `search`, each batch's event chunks in turn, then status. */
export function connectionRunMessages(batches: ConnectionEvents[], runId = 1, overrides: Partial<RunStatus> = {}): HostMessage[] {
  const connections = [...new Map(batches.map(({ connection }) => [connection.id, connection])).values()];
  const loaded = new Set(batches.flatMap(({ connection, events }) => events.map((e) => eventKey(connection.id, e.id)))).size;
  return [
    { type: 'search', runId, title: 'Audit: since:2h', search: { query: 'since:2h', scope: 'all' }, range: RANGE, connections },
    ...batches.flatMap(({ connection, events }) => chunkEvents(events).map((chunk): HostMessage => ({ type: 'events', runId, connectionId: connection.id, events: chunk }))),
    { type: 'status', runId, status: status(loaded, overrides) },
  ];
}

/** A run of one connection (whatever vendors its events name). */
export function runMessages(events: AuditEvent[], runId = 1, overrides: Partial<RunStatus> = {}): HostMessage[] {
  return connectionRunMessages([{ connection: DEMO, events }], runId, overrides);
}
