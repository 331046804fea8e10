import * as vscode from 'vscode';
import type { Services } from '../services';
import { connectionFromArg } from './args';
import type { Command } from './command';

/** "Audit Lens: Remove Connection": removes the definition and its secret (demo: turns the demo off). */
export class RemoveConnectionCommand implements Command {
  readonly id = 'auditLens.removeConnection' as const;

  constructor(private readonly services: Services) {}

  async execute(target?: unknown): Promise<boolean> {
    const { connections, prompts, credentials, demo, status } = this.services;
    const connection = await connectionFromArg(target, connections, prompts.current);
    if (!connection) return false;
    if (connection.demo) {
      const ok = await prompts.current.confirm('Stop the demo and remove every demo connection?', 'Stop Demo');
      if (!ok) return false;
      await demo.disable();
      return true;
    }
    const ok = await prompts.current.confirm(
      `Remove the connection "${connection.label}"?`, 'Remove',
      'Its credential is deleted from the OS keychain. Saved searches that name it stay, and say the connection is missing.',
    );
    if (!ok) return false;
    await credentials.delete(connection.id);
    await connections.remove(connection.id);
    status.clear(connection.id);
    void vscode.window.showInformationMessage(`Removed ${connection.label} and its credential.`);
    return true;
  }
}
