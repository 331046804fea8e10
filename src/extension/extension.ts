import * as vscode from 'vscode';
import { allCommands } from './commands/allCommands';
import { CommandRegistry } from './commands/command';
import { ConnectionStatus } from './connections/connectionStatus';
import { ConnectionStore } from './connections/connectionStore';
import { CredentialResolver } from './connections/credentialResolver';
import { DemoService } from './demo/demoService';
import { OutputLogger } from './log/outputLogger';
import { createResultsPanels } from './panelWiring';
import { RecentSearches } from './savedSearches/recentSearches';
import { SavedSearches } from './savedSearches/savedSearches';
import { UserSearches } from './savedSearches/userSearches';
import { WorkspaceSearchFiles } from './savedSearches/workspaceSearchFiles';
import { CredentialStore } from './secrets/credentialStore';
import { ExtensionSearchBackend } from './search/searchBackend';
import { SearchLauncher } from './search/searchLauncher';
import { SharedHttpClient } from './search/sharedHttpClient';
import type { Services } from './services';
import { ExtensionSettings } from './settings/extensionSettings';
import { TraceLinks } from './trace/traceLinks';
import { TraceSelectionContext } from './trace/traceSelectionContext';
import { AuditLensTree } from './tree/auditLensTree';
import { PromptsHolder } from './ui/prompts';

/** What `activate` returns: the services, for integration tests and other extensions. */
export interface AuditLensApi {
  services: Services;
  /** How long `activate()` itself took (benchmarks read it). */
  activationMs: number;
}

export async function activate(context: vscode.ExtensionContext): Promise<AuditLensApi> {
  const started = performance.now();
  const own = <T extends vscode.Disposable>(value: T): T => {
    context.subscriptions.push(value);
    return value;
  };
  const output = own(new OutputLogger());
  const logger = output;
  const settings = own(new ExtensionSettings(logger));
  const demo = own(new DemoService(context.globalState, logger));
  const connections = own(new ConnectionStore(logger, demo));
  const prompts = new PromptsHolder();
  const credentials = own(new CredentialStore(context.secrets, logger, prompts));
  const status = own(new ConnectionStatus(credentials));
  const http = own(new SharedHttpClient(settings, logger));
  const resolver = new CredentialResolver(credentials, demo, http, logger);
  const backend = new ExtensionSearchBackend(connections, resolver, demo, settings, http, status, prompts, logger);
  const panels = own(createResultsPanels(context.extensionUri, backend, logger, prompts));
  const recent = own(new RecentSearches(context.globalState));
  const launcher = new SearchLauncher(panels, recent, prompts, settings, logger);
  const workspaceFiles = own(new WorkspaceSearchFiles(logger));
  const userSearches = own(new UserSearches(context.globalState));
  const savedSearches = new SavedSearches(workspaceFiles, userSearches);
  const tree = own(new AuditLensTree(connections, status, savedSearches, recent));
  own(vscode.window.createTreeView('auditLens.tree', { treeDataProvider: tree, showCollapseAll: true }));
  own(new TraceLinks(settings));
  own(new TraceSelectionContext());
  own(vscode.workspace.onDidGrantWorkspaceTrust(() => tree.refresh()));

  const services: Services = {
    logger, output, settings, connections, credentials, resolver, status, demo, http, backend,
    launcher, panels, savedSearches, workspaceFiles, recent, tree, prompts,
  };
  const registry = own(new CommandRegistry(logger));
  for (const command of allCommands(services)) registry.register(command);

  // Read in the background: activation must not wait for the file system; the tree updates when it is read.
  workspaceFiles.start().catch((error: unknown) => logger.error(`Reading .vscode/audit-lens.json failed: ${String(error)}`));
  const activationMs = performance.now() - started;
  logger.info(`Activated in ${activationMs.toFixed(1)} ms.`);
  return { services, activationMs };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
