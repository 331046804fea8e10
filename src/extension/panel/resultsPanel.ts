/** One results panel: its webview, the search it runs, and the allow-listed actions of its messages. */
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { formatEventChunks } from '../../core/export/formats';
import { redactSecrets } from '../../core/redact';
import { pageSizeFor } from '../../core/search/pageSize';
import type { AuditQuery } from '../../core/model';
import { QueryParseError, parseQuickSearch } from '../../core/query/parse';
import { resolveQuery } from '../../core/query/resolve';
import { search } from '../../core/search/engine';
import type { SearchTarget } from '../../core/search/types';
import { buildHttpRequest } from '../../core/search/requestBuilder';
import { getAdapter } from '../../core/vendors/registry';
import { changeTexts } from '../../shared/changeText';
import { connectionNames } from '../../shared/connectionNames';
import type { ExportFormat, HostMessage, WebviewMessage, WebviewRequest } from '../../shared/protocol';
import { checkWebviewMessage, TEXT_MAX } from '../../shared/protocol';
import type { PromptsHolder } from '../ui/prompts';
import { describeError } from '../util/describeError';
import { Disposable } from '../util/disposable';
import { formatRows } from './copyFormats';
import { curlCommand } from './curl';
import type { DiffDocuments } from './diffDocuments';
import { EventLookup, findChange } from './eventLookup';
import { exportSummary } from './exportSummary';
import { exportBytes, writeExportFile } from './exportFile';
import { exportRows } from './exportRows';
import { defaultExportUri } from './exportTarget';
import { createNonce, renderPanelHtml } from './html';
import { narrowedQuery, surroundingQuery, surroundingScope } from './queries';
import { refusedRequestReply } from './refusedRequest';
import { showSearchProgress } from './searchProgress';
import { SearchRun } from './searchRun';
import type { PanelSearch, RunGuard, SearchBackend } from './types';

export const VIEW_TYPE = 'auditLens.results';

export interface PanelDeps {
  extensionUri: vscode.Uri;
  backend: SearchBackend;
  logger: Logger;
  diffs: DiffDocuments;
  /** Asks where to save an export (integration tests answer it). */
  prompts: PromptsHolder;
  /** Opens another panel (surrounding events). */
  open(search: PanelSearch): void;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export function panelTitle(search: PanelSearch): string {
  if (search.title) return search.title;
  const query = search.query.trim();
  return query ? `Audit: ${query.length > 40 ? `${query.slice(0, 39)}…` : query}` : 'Audit: recent events';
}

const describe = (error: unknown) => describeError(error) ?? 'Cancelled.';

/** Names what a rejected message claimed to be, without echoing its content (it may be hostile or huge). */
function describeForged(data: unknown): string {
  const type = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;
  if (typeof type !== 'string') return ` (${data === null ? 'null' : Array.isArray(data) ? 'an array' : typeof data === 'object' ? 'an object without a type' : `a ${typeof data}`})`;
  return ` (type ${JSON.stringify(type.length > 40 ? `${type.slice(0, 40)}…` : type)})`;
}

export class ResultsPanel extends Disposable {
  private readonly disposedEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposedEmitter.event;
  private ready = false;
  private everReady = false;
  private readonly queue: HostMessage[] = [];
  private runId = 0;
  private run: SearchRun | undefined;
  private query: AuditQuery | undefined;
  /** The credentials of the current run's connections: nothing this panel writes out may hold them. */
  private secrets: string[] = [];
  private started: HostMessage | undefined;
  private progress: vscode.Disposable | undefined;
  /** Stops the current run once one of its connections is removed or moved, or its credential deleted. */
  private guard: RunGuard | undefined;
  /** The user was told the webview refused a message (once per panel; the log has each). */
  private refusalShown = false;

  constructor(readonly panel: vscode.WebviewPanel, private current: PanelSearch, private readonly deps: PanelDeps) {
    super();
    const { webview } = panel;
    webview.options = webviewOptions(deps.extensionUri);
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(deps.extensionUri, 'dist', 'webview', name)).toString();
    webview.html = renderPanelHtml({ cspSource: webview.cspSource, nonce: createNonce(), scriptUri: asset('panel.js'), styleUri: asset('panel.css') });
    panel.title = panelTitle(current);
    this._register(webview.onDidReceiveMessage((data: unknown) => this.receive(data)));
    this._register(panel.onDidChangeViewState(() => { if (!panel.visible) this.ready = false; }));
    this._register(panel.onDidDispose(() => this.dispose()));
    void this.runQuery(current.query);
  }

  get search(): PanelSearch {
    return this.current;
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.disposedEmitter.fire();
    super.dispose(); // from here on the run's last words go nowhere: the webview may already be gone
    this.progress?.dispose();
    this.guard?.dispose();
    this.run?.cancel();
    this.panel.dispose();
  }

  /**
   * Messages wait for the first `ready`; a webview that was hidden (and so discarded)
   * announces `ready` again and gets the whole run replayed instead.
   */
  private post(message: HostMessage): void {
    // A search still winding down after the panel closed has no one to tell.
    if (this.isDisposed) return;
    if (this.ready) this.send(message);
    else if (!this.everReady) this.queue.push(message);
  }

  private send(message: HostMessage): void {
    this.panel.webview.postMessage(message).then(undefined, (error: unknown) => {
      if (!this.isDisposed) this.deps.logger.warn(`Results panel: a message could not reach the webview (${describe(error)}).`);
    });
  }

  /** Where the webview's messages arrive (public so integration tests can post as the webview would). */
  receive(data: unknown): void {
    if (this.isDisposed) return;
    const checked = checkWebviewMessage(data);
    if (!checked.ok) {
      this.deps.logger.warn(`Results panel: ignored a message that is not in the protocol${describeForged(data)}: ${checked.problems.join('; ')}.`);
      const reply = refusedRequestReply(data, checked.problems);
      if (reply) this.post({ type: 'reply', requestId: reply.requestId, ok: false, message: reply.message });
      return;
    }
    const message = checked.message;
    this.handle(message).catch((error: unknown) => this.deps.logger.error(`Results panel: ${describe(error)}`));
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready': return this.onReady();
      case 'run': return this.runQuery(message.query);
      case 'cancel': this.run?.cancel(); return;
      case 'loadMore': this.run?.loadMore(); this.reportProgress(); return;
      case 'fetchAll': void this.run?.fetchAll(); this.reportProgress(); return;
      case 'narrow': return this.narrow(message.from, message.to);
      case 'surrounding': return this.surrounding(message.eventKey, message.by, message.minutes);
      case 'searchTraceId':
        await vscode.commands.executeCommand('auditLens.searchTraceId', message.traceId);
        return;
      case 'refused': return this.onRefused(message.refused, message.problems);
      default: return this.answer(message);
    }
  }

  private onReady(): void {
    this.ready = true;
    if (this.everReady) {
      if (this.started) this.post(this.started);
      this.run?.replay();
      return;
    }
    this.everReady = true;
    for (const message of this.queue.splice(0)) this.send(message);
  }

  /** A message of ours the webview refused: what it shows may be missing rows, so the user hears of it. */
  private onRefused(type: string, problems: readonly string[]): void {
    this.deps.logger.warn(`Results panel: the webview refused a "${type}" message from the extension (${problems.join('; ')}); the panel may be missing rows or status.`);
    if (this.refusalShown) return;
    this.refusalShown = true;
    void vscode.window.showWarningMessage('Audit Lens: the results panel could not show part of what the search sent, so rows may be missing. Re-run the search; if it happens again, report it with the Audit Lens log.');
  }

  private async runQuery(text: string): Promise<void> {
    const { backend } = this.deps;
    let query: AuditQuery;
    try {
      query = resolveQuery(parseQuickSearch(text), { now: Date.now(), defaultSince: backend.defaultSince() });
    } catch (error) {
      // A query too long to take may be too long to post back whole: the box shows its start.
      this.post({ type: 'queryError', query: text.slice(0, TEXT_MAX), message: describe(error), position: error instanceof QueryParseError ? error.position : null });
      return;
    }
    this.run?.cancel();
    this.run = undefined;
    this.guard?.dispose();
    this.guard = undefined;
    const runId = ++this.runId;
    this.current = { ...this.current, query: text, title: text === this.current.query ? this.current.title : undefined };
    this.panel.title = panelTitle(this.current);
    try {
      const resolved = await backend.resolve(this.current.scope);
      if (runId !== this.runId || this.isDisposed) return;
      const { skipped } = resolved;
      this.secrets = resolved.targets.flatMap(({ credentials }) => [credentials.token, credentials.appKey ?? '']);
      const targets = resolved.targets.map((target) => this.noteRenewals(target));
      this.query = query;
      this.started = {
        type: 'search',
        runId,
        search: {
          query: this.current.query,
          scope: this.current.scope === 'all' ? 'all' : [...this.current.scope],
          ...(this.current.title ? { title: this.current.title } : {}),
          ...(this.current.columns ? { columns: [...this.current.columns] } : {}),
        },
        title: this.panel.title,
        connections: targets.map((t) => ({ id: t.connection.id, label: backend.connectionLabel(t.connection.id), vendor: t.connection.vendor })),
        range: { from: query.from, to: query.to },
      };
      this.post(this.started);
      const controller = new AbortController();
      const updates = search(targets, query, { ...backend.searchOptions(), signal: controller.signal });
      const guard = backend.guard?.(targets);
      this.guard = guard;
      const run = new SearchRun(updates, controller, {
        runId,
        pageTarget: backend.maxEvents(),
        connectionLabel: (id) => backend.connectionLabel(id),
        describeError: describe,
        notices: skipped,
        post: (m) => { if (runId === this.runId) this.post(m); },
        onError: (connectionId, error) => backend.connectionFailed?.(connectionId, error),
        ...(guard ? { stillUsable: () => guard.check() } : {}),
        // A finished run sends nothing more: its guard need not keep reading the keychain. A
        // stopped one keeps it until the next search, to say the truest reason (removed, not only its credential deleted).
        onEnd: (stopped) => {
          if (stopped) return;
          guard?.dispose();
          if (this.guard === guard) this.guard = undefined;
        },
      });
      guard?.onDidRevoke((reason) => run.stop(reason));
      this.deps.logger.info(`Results panel: searching ${targets.length} connection(s) from ${query.from} to ${query.to}.`);
      // A connection removed, or a credential deleted, while the credentials were being read.
      // Until this is answered the run is not the panel's: "load more" cannot start it early.
      const problem = await guard?.check();
      if (runId !== this.runId || this.isDisposed) {
        guard?.dispose(); // a new search or the panel's closing came first; this run never starts
        return;
      }
      this.run = run;
      if (problem !== undefined) run.stop(problem);
      else run.start();
      this.reportProgress();
    } catch (error) {
      this.post({ type: 'queryError', query: text, message: describe(error), position: null });
    }
  }

  private async narrow(from: string, to: string): Promise<void> {
    try {
      await this.runQuery(narrowedQuery(this.current.query, from, to));
    } catch (error) {
      this.post({ type: 'queryError', query: this.current.query, message: describe(error), position: null });
    }
  }

  private surrounding(key: string, by: 'actor' | 'resource', minutes: number): void {
    const found = this.run && new EventLookup(this.run).find(key);
    const query = found && surroundingQuery(found.event, by, minutes);
    if (!found || !query) return;
    const connections = this.started?.type === 'search' ? this.started.connections : [];
    this.deps.open({ query, scope: surroundingScope(found.event, found.connectionId, by, connections) });
  }

  private async answer(request: WebviewRequest): Promise<void> {
    let message: string;
    let ok = true;
    try {
      message = await this.perform(request);
    } catch (error) {
      ok = false;
      message = describe(error);
    }
    this.post({ type: 'reply', requestId: request.requestId, ok, message });
  }

  private async perform(request: WebviewRequest): Promise<string> {
    const run = this.run;
    if (!run) throw new Error('No search has run in this panel yet.');
    const events = new EventLookup(run);
    const lookup = (key: string) => {
      const found = events.find(key);
      if (!found) throw new Error('That event is no longer loaded. Re-run the search.');
      return found;
    };
    switch (request.type) {
      case 'openDiff': {
        const { event } = lookup(request.eventKey);
        const change = findChange(event, request.field);
        if (!change) throw new Error(`The event has no change of "${request.field}".`);
        const json = typeof change.old === 'object' || typeof change.new === 'object';
        const name = `${request.field}${json ? '.json' : '.txt'}`;
        const { oldText, newText } = changeTexts(change);
        const left = this.deps.diffs.add(`old/${name}`, this.redact(oldText));
        const right = this.deps.diffs.add(`new/${name}`, this.redact(newText));
        await vscode.commands.executeCommand('vscode.diff', left, right, `${request.field}: ${event.action} (${event.time})`);
        return `Opened the change of ${request.field} in the diff editor.`;
      }
      case 'openRaw': {
        const { event } = lookup(request.eventKey);
        const document = await vscode.workspace.openTextDocument({ language: 'json', content: this.redact(`${JSON.stringify(event.raw, null, 2)}\n`) });
        await vscode.window.showTextDocument(document, { preview: true });
        return 'Opened the raw record.';
      }
      case 'copyCurl': {
        const { connectionId } = lookup(request.eventKey);
        return this.copyCurl(connectionId);
      }
      case 'copyRows': {
        const rows = request.eventKeys.map(lookup);
        const events = rows.map((row) => row.event);
        const nameOf = this.connectionNamer();
        await vscode.env.clipboard.writeText(this.redact(formatRows(events, request.format, rows.map((row) => nameOf(row.connectionId)))));
        return `Copied ${events.length} ${events.length === 1 ? 'row' : 'rows'} as ${request.format}.`;
      }
      case 'export': return this.export(run, request.format, request.scope);
    }
  }

  /** Fetching that lasts (the first pages, "load more", "fetch all") also reports in a cancellable notification. */
  private reportProgress(): void {
    if (!this.run) return;
    this.progress?.dispose();
    this.progress = showSearchProgress(this.run, this.panel.title);
  }

  /** A credential taken on mid-search (renewed or replaced) is kept out of what this panel writes out too. */
  private noteRenewals(target: SearchTarget): SearchTarget {
    const { renewCredentials } = target;
    if (!renewCredentials) return target;
    return {
      ...target,
      renewCredentials: async (refused, signal) => {
        const credentials = await renewCredentials(refused, signal);
        this.secrets.push(credentials.token, credentials.appKey ?? '');
        return credentials;
      },
    };
  }

  /** What the panel calls each connection of the current run, for the rows it writes out. */
  private connectionNamer(): (connectionId: string) => string {
    const names = connectionNames(this.started?.type === 'search' ? this.started.connections : []);
    return (id) => names.get(id) ?? this.deps.backend.connectionLabel(id);
  }

  /** A vendor record may repeat a credential (a key saved in an integration's settings): replaced in all this panel writes out. */
  private redact(text: string): string {
    return redactSecrets(text, this.secrets);
  }

  private async copyCurl(connectionId: string): Promise<string> {
    if (!this.query) throw new Error('No search has run in this panel yet.');
    const [target] = (await this.deps.backend.resolve([connectionId])).targets;
    if (!target) throw new Error('That connection no longer exists.');
    const adapter = getAdapter(target.connection.vendor);
    const size = pageSizeFor(adapter.limits, this.deps.backend.searchOptions().pageSize?.[target.connection.vendor]);
    const request = buildHttpRequest(adapter, target.connection, target.credentials, this.query, { window: { from: this.query.from, to: this.query.to }, index: 0, size });
    const authHeaders = Object.keys(adapter.authHeaders(target.connection, target.credentials));
    await vscode.env.clipboard.writeText(curlCommand(request, target.credentials, authHeaders));
    return `Copied the first request to ${target.connection.label} as cURL; set AUDIT_LENS_TOKEN${target.credentials.appKey ? ' and AUDIT_LENS_APP_KEY' : ''} before running it.`;
  }

  private async export(run: SearchRun, format: ExportFormat, scope: 'loaded' | 'all'): Promise<string> {
    const target = await this.deps.prompts.current.saveAs({
      title: scope === 'all' ? 'Export all events of the search' : 'Export the loaded events',
      defaultUri: defaultExportUri(format),
      filters: { [format.toUpperCase()]: [format] },
    });
    if (!target) return 'Export cancelled.';
    if (scope === 'all' && !run.isEnded) {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Audit Lens: fetching all events for export', cancellable: true },
        async (progress, token) => {
          const cancel = token.onCancellationRequested(() => run.cancel());
          const timer = setInterval(() => progress.report({ message: `${run.events.length.toLocaleString('en-US')} events` }), 500);
          try {
            await run.fetchAll();
          } finally {
            clearInterval(timer);
            cancel.dispose();
          }
        },
      );
    }
    const { events, connections } = exportRows(run, this.connectionNamer());
    const pieces = formatEventChunks(events, format, { connections });
    const redact = (text: string): string => this.redact(text);
    if (target.scheme === 'file') await writeExportFile(target.fsPath, pieces, redact);
    else await vscode.workspace.fs.writeFile(target, exportBytes(pieces, redact));
    return exportSummary(events.length, vscode.workspace.asRelativePath(target), scope, run.status());
  }
}
