import * as vscode from 'vscode';
import { Disposable } from '../util/disposable';
import { selectedText } from './editorSelection';
import { recognizedTraceId } from './traceIdPatterns';

/** The context key the editor menu reads: the active editor's selection holds a trace id. */
export const TRACE_SELECTED_KEY = 'auditLens.traceIdSelected';

/**
 * Keeps `auditLens.traceIdSelected` true while the active editor's selection holds a trace id,
 * as "Search Trace ID" reads it, so the command shows in the editor's context menu for a
 * selected id, not for every selection. The key is set only when its value changes: cursor
 * moves are frequent.
 */
export class TraceSelectionContext extends Disposable {
  private selected = false;

  constructor() {
    super();
    this._register(vscode.window.onDidChangeTextEditorSelection((change) => {
      // Another visible editor's selection can move too (a split view of a document being edited).
      if (change.textEditor === vscode.window.activeTextEditor) this.update(change.textEditor);
    }));
    this._register(vscode.window.onDidChangeActiveTextEditor((editor) => this.update(editor)));
    this._register({ dispose: () => this.set(false) });
    this.update(vscode.window.activeTextEditor);
  }

  private update(editor: vscode.TextEditor | undefined): void {
    const text = editor && selectedText(editor);
    this.set(text !== undefined && recognizedTraceId(text) !== undefined);
  }

  private set(selected: boolean): void {
    if (selected === this.selected) return;
    this.selected = selected;
    void vscode.commands.executeCommand('setContext', TRACE_SELECTED_KEY, selected);
  }
}
