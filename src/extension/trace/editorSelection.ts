import * as vscode from 'vscode';

/** How much of a selection is read: an id, even with its key and a few words around it, is far shorter. */
const SELECTION_CAP = 4096;

/** The text of the editor's (primary) selection, at most its first 4096 characters; undefined when nothing is selected. */
export function selectedText(editor: vscode.TextEditor): string | undefined {
  const { selection, document } = editor;
  if (selection.isEmpty) return undefined;
  const start = document.offsetAt(selection.start);
  const tooLong = document.offsetAt(selection.end) - start > SELECTION_CAP;
  return document.getText(tooLong ? new vscode.Range(selection.start, document.positionAt(start + SELECTION_CAP)) : selection);
}
