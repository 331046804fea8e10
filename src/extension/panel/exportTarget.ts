import * as os from 'os';
import * as vscode from 'vscode';
import type { ExportFormat } from '../../shared/protocol';

/** Where the save dialog of an export starts: the first workspace folder, else the home folder. */
export function defaultExportUri(format: ExportFormat): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  return vscode.Uri.joinPath(folder, `audit-events.${format}`);
}
