import type * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import type { PromptsHolder } from '../ui/prompts';
import { ResultsPanelManager } from './resultsPanels';
import type { SearchBackend } from './types';

/**
 * Creates the results panels, registers the serializer for `auditLens.results` and the
 * diff documents' content provider. Dispose the returned value on deactivation.
 */
export function registerResultsPanels(extensionUri: vscode.Uri, backend: SearchBackend, logger: Logger, prompts: PromptsHolder): ResultsPanelManager {
  return new ResultsPanelManager(extensionUri, backend, logger, prompts);
}
