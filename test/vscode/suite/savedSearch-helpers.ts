// The first workspace folder's .vscode/audit-lens.json, as the saved-search suites write and read it.
import * as assert from 'assert';
import * as vscode from 'vscode';

/** Two shared searches, one in a folder. */
export const shared = {
  version: 1,
  searches: [
    { name: 'Failed logins', folder: 'Security', connection: 'all', query: 'status:failure since:24h' },
    { name: 'Admin changes', connection: 'all', query: 'actor:admin since:7d' },
  ],
};

export function fileUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the harness opens a workspace folder');
  return vscode.Uri.joinPath(folder.uri, '.vscode', 'audit-lens.json');
}

export async function readFile(): Promise<string> {
  return Buffer.from(await vscode.workspace.fs.readFile(fileUri())).toString('utf8');
}

export async function writeFile(text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(fileUri(), Buffer.from(text, 'utf8'));
}
