import * as vscode from 'vscode';
import type { ExtensionSettings } from '../settings/extensionSettings';
import { Disposable } from '../util/disposable';
import { findTraceIds } from './traceIdPatterns';

const COMMAND = 'auditLens.searchTraceId';
const TOOLTIP = 'Search audit logs for this trace id';
/** Log files, whatever language mode they open in. */
const LOG_SELECTOR: vscode.DocumentSelector = [{ language: 'log' }, { pattern: '**/*.log' }];
/** Lines longer than this are minified data, not log lines worth scanning. */
const MAX_LINE = 10_000;

interface TraceTerminalLink extends vscode.TerminalLink {
  traceId: string;
}

function commandUri(traceId: string): vscode.Uri {
  return vscode.Uri.parse(`command:${COMMAND}?${encodeURIComponent(JSON.stringify([traceId]))}`);
}

/** Trace ids become "Search audit logs for this trace id" links in terminals and log files. */
export class TraceLinks extends Disposable
  implements vscode.TerminalLinkProvider<TraceTerminalLink>, vscode.DocumentLinkProvider, vscode.HoverProvider {
  constructor(private readonly settings: ExtensionSettings) {
    super();
    this._register(vscode.window.registerTerminalLinkProvider(this));
    this._register(vscode.languages.registerDocumentLinkProvider(LOG_SELECTOR, this));
    this._register(vscode.languages.registerHoverProvider(LOG_SELECTOR, this));
  }

  provideTerminalLinks(context: vscode.TerminalLinkContext): TraceTerminalLink[] {
    if (!this.settings.value.traceLinksEnabled || context.line.length > MAX_LINE) return [];
    return findTraceIds(context.line).map((m) => ({ startIndex: m.start, length: m.end - m.start, tooltip: TOOLTIP, traceId: m.id }));
  }

  handleTerminalLink(link: TraceTerminalLink): void {
    void vscode.commands.executeCommand(COMMAND, link.traceId);
  }

  provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.DocumentLink[] {
    if (!this.settings.value.traceLinksEnabled) return [];
    const links: vscode.DocumentLink[] = [];
    for (let line = 0; line < document.lineCount && !token.isCancellationRequested; line++) {
      const text = document.lineAt(line).text;
      if (text.length > MAX_LINE) continue;
      for (const match of findTraceIds(text)) {
        const link = new vscode.DocumentLink(new vscode.Range(line, match.start, line, match.end), commandUri(match.id));
        link.tooltip = TOOLTIP;
        links.push(link);
      }
    }
    return links;
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.settings.value.traceLinksEnabled) return undefined;
    const text = document.lineAt(position.line).text;
    if (text.length > MAX_LINE) return undefined;
    const match = findTraceIds(text).find((m) => position.character >= m.start && position.character < m.end);
    if (!match) return undefined;
    const markdown = new vscode.MarkdownString(undefined, true);
    markdown.isTrusted = { enabledCommands: [COMMAND] };
    markdown.appendMarkdown(`[$(search) ${TOOLTIP}](${commandUri(match.id).toString()})`);
    return new vscode.Hover(markdown, new vscode.Range(position.line, match.start, position.line, match.end));
  }
}
