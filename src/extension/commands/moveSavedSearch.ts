import * as vscode from 'vscode';
import type { SearchRef } from '../savedSearches/savedSearches';
import { WORKSPACE_FILE } from '../savedSearches/savedSearchSchema';
import { chooseWorkspaceRoot } from '../savedSearches/workspaceFolderChoice';
import type { Services } from '../services';
import { searchRefFromArg } from './args';
import type { Command } from './command';

/** Moves a saved search between a workspace folder's shared file and personal user storage. */
export class MoveSavedSearchCommand implements Command {
  readonly id = 'auditLens.moveSavedSearch' as const;

  constructor(private readonly services: Services) {}

  async execute(target?: unknown): Promise<SearchRef | undefined> {
    const ref = searchRefFromArg(target);
    const { savedSearches, prompts } = this.services;
    const toRoot = ref.store === 'user'
      ? await chooseWorkspaceRoot(savedSearches.workspace.folders(), prompts.current, `Move "${ref.name}" to the Workspace`)
      : undefined;
    if (ref.store === 'user' && !toRoot) return undefined;
    const moved = await savedSearches.move(ref, toRoot);
    const folder = savedSearches.workspace.folders().find((f) => moved.root !== undefined && f.root === moved.root);
    void vscode.window.showInformationMessage(moved.store === 'workspace'
      ? `Moved "${moved.name}" to ${folder ? `${folder.name}/` : ''}${WORKSPACE_FILE}: commit it to share it with your team.`
      : `Moved "${moved.name}" to your own saved searches.`);
    return moved;
  }
}
