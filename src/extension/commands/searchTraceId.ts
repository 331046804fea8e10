import * as vscode from 'vscode';
import { formatQuickSearch } from '../../core/query/parse';
import type { PanelSearch } from '../panel/types';
import type { Services } from '../services';
import { selectedText } from '../trace/editorSelection';
import { normalizeTraceId, recognizedTraceId, traceIdAt } from '../trace/traceIdPatterns';
import type { Command } from './command';

const RANGES = [
  { label: 'Last 24 hours', since: '24h' },
  { label: 'Last 7 days', since: '7d' },
  { label: 'Last 30 days', since: '30d' },
  { label: 'Last 90 days', since: '90d' },
];

/**
 * "Audit Lens: Search Trace ID": the id given, selected or under the cursor (else asked),
 * searched in every connection at once; one merged panel. Vendors whose reach is shorter
 * than the range are narrowed by the engine, which says so.
 */
export class SearchTraceIdCommand implements Command {
  readonly id = 'auditLens.searchTraceId' as const;

  constructor(private readonly services: Services) {}

  async execute(traceArg?: unknown, sinceArg?: unknown): Promise<PanelSearch | undefined> {
    const traceId = typeof traceArg === 'string' ? normalizeTraceId(traceArg) ?? undefined : await this.fromEditor();
    if (typeof traceArg === 'string' && traceId === undefined) {
      throw new Error(`"${traceArg.slice(0, 80)}" does not look like a trace id.`);
    }
    if (traceId === undefined) return undefined;
    const since = typeof sinceArg === 'string' ? sinceArg : await this.pickRange();
    if (since === undefined) return undefined;
    const search: PanelSearch = {
      query: formatQuickSearch({ filters: { traceId }, since }),
      scope: 'all',
      title: `Trace ${traceId.length > 16 ? `${traceId.slice(0, 12)}…` : traceId}`,
    };
    await this.services.launcher.open(search, 'trace');
    return search;
  }

  /** The id selected or under the cursor; a selection of another shape (a word such as `error`) is only offered. */
  private async fromEditor(): Promise<string | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return this.ask();
    const selected = selectedText(editor);
    if (selected !== undefined) return recognizedTraceId(selected) ?? this.ask(selected.trim());
    const { selection, document } = editor;
    const line = document.lineAt(selection.active.line).text;
    return traceIdAt(line, selection.active.character)?.id ?? this.ask();
  }

  private async ask(value?: string): Promise<string | undefined> {
    const typed = await this.services.prompts.current.input({
      title: 'Audit Lens: Search Trace ID',
      prompt: 'Trace or request id (32 hex, UUID, W3C traceparent, X-Ray id…)',
      ...(value ? { value } : {}),
      validateInput: (text) => (text.trim() === '' || normalizeTraceId(text) ? undefined : 'This does not look like a trace id.'),
    });
    return typed === undefined || typed.trim() === '' ? undefined : normalizeTraceId(typed);
  }

  private async pickRange(): Promise<string | undefined> {
    const preferred = this.services.settings.value.traceTimeRange;
    const items = RANGES.some((r) => r.since === preferred) ? RANGES : [{ label: `Last ${preferred}`, since: preferred }, ...RANGES];
    const ordered = [...items.filter((r) => r.since === preferred), ...items.filter((r) => r.since !== preferred)];
    const picked = await this.services.prompts.current.pick(
      ordered.map((r) => ({ label: r.label, description: r.since === preferred ? 'default' : '', since: r.since })),
      { placeHolder: 'Search around which time range?', title: 'Audit Lens: Search Trace ID' },
    );
    return picked?.since;
  }
}
