import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { Disposable } from '../util/disposable';
import { readSettings, USER_ONLY, type Settings } from './settingsSchema';

/** The validated `auditLens.*` settings, re-read on change. */
export class ExtensionSettings extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<Settings>());
  readonly onDidChange = this.changed.event;
  private current: Settings;

  constructor(private readonly logger: Logger) {
    super();
    this.current = this.load();
    this._register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('auditLens')) return;
      this.current = this.load();
      this.changed.fire(this.current);
    }));
  }

  get value(): Settings {
    return this.current;
  }

  private load(): Settings {
    const config = vscode.workspace.getConfiguration('auditLens');
    const { settings, problems } = readSettings((name, key) => {
      // Security-relevant settings come from the user's own settings, never the workspace.
      if (USER_ONLY.has(key)) return config.inspect(name)?.globalValue;
      return config.get(name);
    });
    for (const problem of problems) this.logger.warn(problem);
    return settings;
  }
}
