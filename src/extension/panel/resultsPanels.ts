/** Opens results panels, restores them after a reload, and knows which one is active. */
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { readViewState } from '../../shared/viewState';
import type { PromptsHolder } from '../ui/prompts';
import { Disposable } from '../util/disposable';
import { DiffDocuments } from './diffDocuments';
import { panelTitle, ResultsPanel, VIEW_TYPE, webviewOptions } from './resultsPanel';
import type { PanelSearch, ResultsPanels, SearchBackend } from './types';

export class ResultsPanelManager extends Disposable implements ResultsPanels, vscode.WebviewPanelSerializer {
  private readonly panels = new Set<ResultsPanel>();
  private active: ResultsPanel | undefined;
  private readonly diffs = this._register(new DiffDocuments());

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly backend: SearchBackend,
    private readonly logger: Logger,
    private readonly prompts: PromptsHolder,
  ) {
    super();
    this._register(vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, this));
    this._register({ dispose: () => { for (const panel of [...this.panels]) panel.dispose(); } });
  }

  show(search: PanelSearch): void {
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, panelTitle(search), vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
    this.adopt(panel, search);
  }

  activeSearch(): PanelSearch | undefined {
    return this.active?.search;
  }

  /** The open panels, oldest first (integration tests reach a panel's message handler here). */
  openPanels(): readonly ResultsPanel[] {
    return [...this.panels];
  }

  /** Restores a panel from its persisted UI state by re-running its search. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const search = readViewState(state).search;
    if (!search) {
      this.logger.warn('Results panel: nothing to restore (no saved search); closing it.');
      panel.dispose();
      return;
    }
    this.adopt(panel, search);
  }

  private adopt(webviewPanel: vscode.WebviewPanel, search: PanelSearch): void {
    const panel = new ResultsPanel(webviewPanel, search, {
      extensionUri: this.extensionUri,
      backend: this.backend,
      logger: this.logger,
      diffs: this.diffs,
      prompts: this.prompts,
      open: (next) => this.show(next),
    });
    this.panels.add(panel);
    this.active = panel;
    const viewState = webviewPanel.onDidChangeViewState((e) => { if (e.webviewPanel.active) this.active = panel; });
    panel.onDidDispose(() => {
      viewState.dispose();
      this.panels.delete(panel);
      if (this.active === panel) this.active = undefined;
    });
  }
}
