import type { Logger } from '../core/log';
import type { ConnectionStatus } from './connections/connectionStatus';
import type { ConnectionStore } from './connections/connectionStore';
import type { CredentialResolver } from './connections/credentialResolver';
import type { DemoService } from './demo/demoService';
import type { OutputLogger } from './log/outputLogger';
import type { ResultsPanelManager } from './panel/resultsPanels';
import type { RecentSearches } from './savedSearches/recentSearches';
import type { SavedSearches } from './savedSearches/savedSearches';
import type { WorkspaceSearchFiles } from './savedSearches/workspaceSearchFiles';
import type { CredentialStore } from './secrets/credentialStore';
import type { ExtensionSearchBackend } from './search/searchBackend';
import type { SearchLauncher } from './search/searchLauncher';
import type { SharedHttpClient } from './search/sharedHttpClient';
import type { ExtensionSettings } from './settings/extensionSettings';
import type { AuditLensTree } from './tree/auditLensTree';
import type { PromptsHolder } from './ui/prompts';

/** What commands work with; built once in extension.ts. Also the API tests reach through `activate()`. */
export interface Services {
  logger: Logger;
  output: OutputLogger;
  settings: ExtensionSettings;
  connections: ConnectionStore;
  credentials: CredentialStore;
  resolver: CredentialResolver;
  status: ConnectionStatus;
  demo: DemoService;
  http: SharedHttpClient;
  backend: ExtensionSearchBackend;
  launcher: SearchLauncher;
  /** The results panels (tests reach an open panel's message handler through it). */
  panels: ResultsPanelManager;
  savedSearches: SavedSearches;
  /** The `.vscode/audit-lens.json` of each workspace folder. */
  workspaceFiles: WorkspaceSearchFiles;
  recent: RecentSearches;
  tree: AuditLensTree;
  prompts: PromptsHolder;
}
