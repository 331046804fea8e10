import { rename } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { Disposable } from '../util/disposable';
import { parseSavedSearchFile, serializeSavedSearchFile, WORKSPACE_FILE, type SavedSearch, type SavedSearchFile } from './savedSearchSchema';
import type { SearchStore, StoreState } from './searchStore';

/**
 * Moves `temp` over `target` in one step. VS Code's `fs.rename` with `overwrite` deletes the
 * target first, so another window could find no file at all; a local file uses the OS rename,
 * which replaces it atomically.
 */
async function replaceFile(temp: vscode.Uri, target: vscode.Uri): Promise<void> {
  if (temp.scheme === 'file' && target.scheme === 'file') await rename(temp.fsPath, target.fsPath);
  else await vscode.workspace.fs.rename(temp, target, { overwrite: true });
}

/**
 * The shared saved searches in `.vscode/audit-lens.json` of one workspace folder.
 * A file that does not validate is reported and never overwritten; writes go to a temporary
 * file that is then renamed over the original, so a crash never leaves half a file.
 */
export class WorkspaceSearchFile extends Disposable implements SearchStore {
  readonly kind = 'workspace' as const;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  readonly uri: vscode.Uri;
  private current: StoreState = { kind: 'ok', searches: [] };
  private writing: Promise<void> = Promise.resolve();

  private readonly label: string;

  constructor(folder: vscode.WorkspaceFolder, private readonly logger: Logger) {
    super();
    this.label = `${folder.name}/${WORKSPACE_FILE}`;
    this.uri = vscode.Uri.joinPath(folder.uri, WORKSPACE_FILE);
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, WORKSPACE_FILE)));
    const reload = () => void this.reload();
    watcher.onDidCreate(reload);
    watcher.onDidChange(reload);
    watcher.onDidDelete(reload);
  }

  state(): StoreState {
    return this.current;
  }

  async reload(): Promise<void> {
    const next = (await this.read()).state;
    // The watcher also hears our own writes, which were already reloaded: nothing to tell then.
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.current = next;
    this.changed.fire();
  }

  /**
   * Changes run one at a time: two at once would both read the same file and the second
   * rename would drop the first change.
   */
  update(change: (searches: SavedSearch[]) => SavedSearch[]): Promise<void> {
    const next = this.writing.then(() => this.write(change));
    this.writing = next.then(undefined, () => undefined);
    return next;
  }

  private async write(change: (searches: SavedSearch[]) => SavedSearch[]): Promise<void> {
    const uri = this.uri;
    this.checkWritable();
    const { state: fresh, file } = await this.read(); // never write over edits made since the last read
    if (fresh.kind !== 'ok') {
      this.current = fresh;
      this.changed.fire();
      throw new Error(`${WORKSPACE_FILE} cannot be changed: ${fresh.message}`);
    }
    // Everything else the file holds (its `$schema`) is written back unchanged.
    const text = serializeSavedSearchFile({ ...file, version: 1, searches: change([...fresh.searches]) });
    const folder = vscode.Uri.joinPath(uri, '..');
    await vscode.workspace.fs.createDirectory(folder);
    const temp = vscode.Uri.joinPath(folder, `.audit-lens.json.${process.pid}.${Date.now()}.tmp`);
    await vscode.workspace.fs.writeFile(temp, Buffer.from(text, 'utf8'));
    try {
      await replaceFile(temp, uri);
    } catch (error) {
      await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
      throw error;
    }
    await this.reload();
  }

  checkWritable(): void {
    // Writing under an editor with unsaved edits would leave the user to pick one of two versions on save, and lose the other.
    // (A document opened through another path to the same file, a symlink, is not recognised.)
    const key = this.uri.toString();
    if (vscode.workspace.textDocuments.some((document) => document.isDirty && document.uri.toString() === key)) {
      throw new Error(`${this.label} has unsaved changes in an editor: save or revert them, then try again.`);
    }
  }

  /** The file's state, and when it is valid the whole file (an absent file is an empty one). */
  private async read(): Promise<{ state: StoreState; file?: SavedSearchFile }> {
    const uri = this.uri;
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return { state: { kind: 'ok', searches: [] } };
      return { state: { kind: 'broken', message: `cannot be read (${(error as Error).message}).` } };
    }
    const parsed = parseSavedSearchFile(Buffer.from(bytes).toString('utf8'));
    if (!parsed.ok) {
      this.logger.warn(`${this.label}: ${parsed.message}`);
      return { state: { kind: 'broken', message: parsed.message } };
    }
    return { state: { kind: 'ok', searches: parsed.file.searches }, file: parsed.file };
  }
}
