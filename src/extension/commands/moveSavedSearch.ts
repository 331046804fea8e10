import * as vscode from 'vscode';
import type { SearchRef } from '../savedSearches/savedSearches';
import { WORKSPACE_FILE } from '../savedSearches/workspaceSearchFile';
import type { Services } from '../services';
import { searchRefFromArg } from './args';
import type { Command } from './command';

/** Moves a saved search between the shared workspace file and personal user storage. */
export class MoveSavedSearchCommand implements Command {
  readonly id = 'auditLens.moveSavedSearch' as const;

  constructor(private readonly services: Services) {}

  async execute(target?: unknown): Promise<SearchRef> {
    const moved = await this.services.savedSearches.move(searchRefFromArg(target));
    void vscode.window.showInformationMessage(moved.store === 'workspace'
      ? `Moved "${moved.name}" to ${WORKSPACE_FILE}: commit it to share it with your team.`
      : `Moved "${moved.name}" to your own saved searches.`);
    return moved;
  }
}
