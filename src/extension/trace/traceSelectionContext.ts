import * as vscode from 'vscode';
import { Disposable } from '../util/disposable';
import { recognizedTraceId } from './traceIdPatterns';

/** The context key the editor menu reads: the active editor's selection holds a trace id. */
export const TRACE_SELECTED_KEY = 'auditLens.traceIdSelected';
/** A selection longer than this is not one id, even with its key and a few words around it. */
const MAX_SELECTION = 4096;

/**
 * Keeps `auditLens.traceIdSelected` true while a trace id is selected, so "Search Trace ID"
 * shows in the editor's context menu for a selected id, not for every selection. The key is
 * set only when its value changes: cursor moves are frequent.
 */
export class TraceSelectionContext extends Disposable {
  private selected = false;

  constructor() {
    super();
    this._register(vscode.window.onDidChangeTextEditorSelection((change) => this.update(change.textEditor)));
    this._register(vscode.window.onDidChangeActiveTextEditor((editor) => this.update(editor)));
    this.update(vscode.window.activeTextEditor);
  }

  private update(editor: vscode.TextEditor | undefined): void {
    const selection = editor?.selection;
    let selected = false;
    if (editor && selection && !selection.isEmpty) {
      const { document } = editor;
      const length = document.offsetAt(selection.end) - document.offsetAt(selection.start);
      selected = length <= MAX_SELECTION && recognizedTraceId(document.getText(selection)) !== undefined;
    }
    if (selected === this.selected) return;
    this.selected = selected;
    void vscode.commands.executeCommand('setContext', TRACE_SELECTED_KEY, selected);
  }
}
