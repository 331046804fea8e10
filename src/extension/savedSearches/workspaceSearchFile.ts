import { rename } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { Disposable } from '../util/disposable';
import { parseSavedSearchFile, serializeSavedSearchFile, type SavedSearch, type SavedSearchFile } from './savedSearchSchema';
import type { SearchStore, StoreState } from './searchStore';

export const WORKSPACE_FILE = '.vscode/audit-lens.json';

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
 * The shared saved searches in `.vscode/audit-lens.json` of the first workspace folder.
 * A file that does not validate is reported and never overwritten; writes go to a temporary
 * file that is then renamed over the original, so a crash never leaves half a file.
 */
export class WorkspaceSearchFile extends Disposable implements SearchStore {
  readonly kind = 'workspace' as const;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private current: StoreState = { kind: 'ok', searches: [] };
  private watcher: vscode.FileSystemWatcher | undefined;
  private watchedFolder: string | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly logger: Logger) {
    super();
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()));
  }

  /** Reads the file and starts watching it. */
  async start(): Promise<void> {
    await this.reload();
  }

  get uri(): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder && vscode.Uri.joinPath(folder.uri, WORKSPACE_FILE);
  }

  state(): StoreState {
    return this.current;
  }

  async reload(): Promise<void> {
    this.watch();
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
    if (!uri) throw new Error('Open a folder to keep saved searches in the workspace.');
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

  /** The file's state, and when it is valid the whole file (an absent file is an empty one). */
  private async read(): Promise<{ state: StoreState; file?: SavedSearchFile }> {
    const uri = this.uri;
    if (!uri) return { state: { kind: 'unavailable', message: 'No folder is open.' } };
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return { state: { kind: 'ok', searches: [] } };
      return { state: { kind: 'broken', message: `cannot be read (${(error as Error).message}).` } };
    }
    const parsed = parseSavedSearchFile(Buffer.from(bytes).toString('utf8'));
    if (!parsed.ok) {
      this.logger.warn(`${WORKSPACE_FILE}: ${parsed.message}`);
      return { state: { kind: 'broken', message: parsed.message } };
    }
    return { state: { kind: 'ok', searches: parsed.file.searches }, file: parsed.file };
  }

  /** Watches the file of the first workspace folder; a new watcher only when that folder changed. */
  private watch(): void {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (this.watcher && folder?.uri.toString() === this.watchedFolder) return;
    this.watcher?.dispose();
    this.watcher = undefined;
    this.watchedFolder = folder?.uri.toString();
    if (!folder) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, WORKSPACE_FILE));
    const reload = () => void this.reload();
    watcher.onDidCreate(reload);
    watcher.onDidChange(reload);
    watcher.onDidDelete(reload);
    this.watcher = watcher;
  }

  override dispose(): void {
    this.watcher?.dispose();
    super.dispose();
  }
}
