import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { Disposable } from '../util/disposable';
import { loadExtraCa } from './extraCaFile';
import { readSettings, SETTING_NAMES, USER_ONLY, type SettingKey, type Settings } from './settingsSchema';
import { OPEN_SETTINGS, OPEN_SETTINGS_COMMAND, settingsWarning, type SettingsWarning } from './settingsWarning';

/**
 * The validated `auditLens.*` settings, re-read on change. Mistakes are logged and shown in
 * one warning per change of settings, with a button that opens the settings at fault.
 */
export class ExtensionSettings extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<Settings>());
  readonly onDidChange = this.changed.event;
  private readonly warned = this._register(new vscode.EventEmitter<SettingsWarning>());
  /** Fires when a warning is shown: the integration tests read it, VS Code has no API to. */
  readonly onDidWarn = this.warned.event;
  private current: Settings;
  private invalidKeys: ReadonlySet<SettingKey> = new Set();
  private reading = 0;
  private shown = '';

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

  /** Settings whose value was refused (the default is used, or for the proxy, requests are refused). */
  get invalid(): ReadonlySet<SettingKey> {
    return this.invalidKeys;
  }

  private load(): Settings {
    const config = vscode.workspace.getConfiguration('auditLens');
    const { settings, problems, invalid } = readSettings((name, key) => {
      // Security-relevant settings come from the user's own settings, never the workspace.
      if (USER_ONLY.has(key)) return config.inspect(name)?.globalValue;
      return config.get(name);
    });
    this.invalidKeys = new Set(invalid);
    const reading = ++this.reading;
    this.review(settings, problems, invalid, reading).catch((error: unknown) => this.logger.error(`Checking the Audit Lens settings failed: ${String(error)}`));
    return settings;
  }

  /** Adds the CA file's check (it reads the file) to the other mistakes, then tells the user once. */
  private async review(settings: Settings, problems: string[], invalid: SettingKey[], reading: number): Promise<void> {
    const ids = invalid.map((key) => `auditLens.${SETTING_NAMES[key]}`);
    const all = [...problems];
    if (settings.extraCaFile !== '') {
      const ca = await loadExtraCa(settings.extraCaFile);
      if ('problem' in ca) {
        all.push(`${ca.problem} Vendor requests are refused until it is fixed or cleared.`);
        ids.push('auditLens.extraCaFile');
      }
    }
    // A newer change of settings is being checked: its reading is the one to tell.
    if (reading !== this.reading || this.isDisposed) return;
    for (const problem of all) this.logger.warn(problem);
    const warning = settingsWarning(all, ids);
    // Unrelated changes (a connection added, say) do not repeat a warning already shown.
    const text = warning?.message ?? '';
    if (text === this.shown) return;
    this.shown = text;
    if (!warning) return;
    this.warned.fire(warning);
    const choice = await vscode.window.showWarningMessage(warning.message, OPEN_SETTINGS);
    if (choice === OPEN_SETTINGS) await vscode.commands.executeCommand(OPEN_SETTINGS_COMMAND, warning.query);
  }
}
