import type * as vscode from 'vscode';
import type { Logger } from '../core/log';
import { registerResultsPanels } from './panel/index';
import type { ResultsPanelManager } from './panel/resultsPanels';
import type { SearchBackend } from './panel/types';
import type { PromptsHolder } from './ui/prompts';

/** The one place the extension meets the results panel. */
export function createResultsPanels(extensionUri: vscode.Uri, backend: SearchBackend, logger: Logger, prompts: PromptsHolder): ResultsPanelManager {
  return registerResultsPanels(extensionUri, backend, logger, prompts);
}
