import * as vscode from 'vscode';

/**
 * The questions commands ask, behind one thin seam over `vscode.window` so integration
 * tests can answer them (the UI tests drive the real widgets).
 */
export interface Prompts {
  input(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  /** A modal yes/no; true only when the user chose `action`. */
  confirm(message: string, action: string, detail?: string): Thenable<boolean>;
  /** A non-modal error notification offering actions; the action chosen, if any. */
  offer(message: string, ...actions: string[]): Thenable<string | undefined>;
  /** A save dialog; the file chosen, if any. */
  saveAs(options: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined>;
}

const windowPrompts: Prompts = {
  input: (options) => vscode.window.showInputBox({ ignoreFocusOut: true, ...options }),
  pick: (items, options) => vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options }),
  confirm: async (message, action, detail) =>
    (await vscode.window.showWarningMessage(message, { modal: true, ...(detail ? { detail } : {}) }, action)) === action,
  offer: (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
  saveAs: (options) => vscode.window.showSaveDialog(options),
};

/** Holds the prompts in use; tests swap in scripted answers through the extension's API. */
export class PromptsHolder {
  current: Prompts = windowPrompts;
}
