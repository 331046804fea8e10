import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { Disposable } from '../util/disposable';
import type { SavedSearch } from './savedSearchSchema';
import type { FolderStore, SearchStore, StoreState, WorkspaceStores } from './searchStore';
import { WorkspaceSearchFile } from './workspaceSearchFile';

/** Stands in for the workspace file while no folder is open: shown as such, never written. */
const noFolder: SearchStore = {
  kind: 'workspace',
  onDidChange: () => ({ dispose: () => undefined }),
  state: (): StoreState => ({ kind: 'unavailable', message: 'No folder is open.' }),
  reload: async () => undefined,
  update: async (_change: (searches: SavedSearch[]) => SavedSearch[]) => noFolder.checkWritable(),
  checkWritable: () => {
    throw new Error('Open a folder to keep saved searches in the workspace.');
  },
};

/**
 * One `WorkspaceSearchFile` per workspace folder, as VS Code keeps tasks and launch
 * configurations: follows folders being added and removed, and disposes a removed folder's file.
 */
export class WorkspaceSearchFiles extends Disposable implements WorkspaceStores {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly files = new Map<string, WorkspaceSearchFile>();

  constructor(private readonly logger: Logger) {
    super();
    // The files exist from the start (so a write before the first read works); `start` reads them.
    this.follow();
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => {
      Promise.all(this.follow().map((file) => file.reload()))
        .catch((error: unknown) => this.logger.error(`Reading the saved searches of a new workspace folder failed: ${String(error)}`));
    }));
  }

  /** Reads every folder's file. */
  async start(): Promise<void> {
    await this.reload();
  }

  folders(): readonly FolderStore[] {
    return (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => {
      const root = folder.uri.toString();
      const store = this.files.get(root);
      return store ? [{ root, name: folder.name, path: folder.uri.fsPath, store }] : [];
    });
  }

  store(root?: string): SearchStore {
    if (root === undefined) return this.folders()[0]?.store ?? noFolder;
    // By the open folders, not the files: a folder just removed may keep its file until the change event runs.
    const found = this.folders().find((folder) => folder.root === root);
    if (!found) throw new Error(`No open workspace folder is ${root}: it may have been removed. Refresh the Audit Lens view.`);
    return found.store;
  }

  async reload(): Promise<void> {
    await Promise.all([...this.files.values()].map((file) => file.reload()));
  }

  /** Matches the files to the open folders; returns the files of folders just added, still unread. */
  private follow(): WorkspaceSearchFile[] {
    const open = new Map((vscode.workspace.workspaceFolders ?? []).map((folder) => [folder.uri.toString(), folder]));
    let changed = false;
    for (const [root, file] of this.files) {
      if (open.has(root)) continue;
      this.files.delete(root);
      file.dispose();
      changed = true;
    }
    const added: WorkspaceSearchFile[] = [];
    for (const [root, folder] of open) {
      if (this.files.has(root)) continue;
      const file = new WorkspaceSearchFile(folder, this.logger);
      file.onDidChange(() => this.changed.fire());
      this.files.set(root, file);
      added.push(file);
      changed = true;
    }
    if (changed) this.changed.fire();
    return added;
  }

  override dispose(): void {
    for (const file of this.files.values()) file.dispose();
    this.files.clear();
    super.dispose();
  }
}
