/** Read-only virtual documents for "open in diff editor" (`vscode.diff` needs two URIs). */
import * as vscode from 'vscode';
import { Disposable } from '../util/disposable';

const DIFF_SCHEME = 'audit-lens-diff';
/** Old documents are dropped after this many, so a long session does not hoard memory. */
const MAX_DOCUMENTS = 200;

export class DiffDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private next = 0;

  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, this));
  }

  /** A URI whose document shows `content`; `name` ends in `.json` for JSON highlighting. */
  add(name: string, content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/${this.next++}/${name.replace(/[\\/?#]/g, '_')}` });
    this.contents.set(uri.toString(), content);
    while (this.contents.size > MAX_DOCUMENTS) this.contents.delete(this.contents.keys().next().value!);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? 'This change is no longer available. Open it again from the results panel.';
  }
}
