import * as vscode from 'vscode';
import { askCredential, credentialArgsSchema } from '../connections/credentialInput';
import type { Services } from '../services';
import { connectionFromArg } from './args';
import type { Command } from './command';

/** "Audit Lens: Set Credential": stores or replaces a connection's credential, bound to its current origin. */
export class SetCredentialCommand implements Command {
  readonly id = 'auditLens.setCredential' as const;

  constructor(private readonly services: Services) {}

  async execute(target?: unknown, values?: unknown): Promise<boolean> {
    const { connections, prompts, credentials, http, status } = this.services;
    const connection = await connectionFromArg(target, connections, prompts.current, (c) => !c.demo);
    if (!connection) return false;
    if (connection.demo) throw new Error('Demo connections use the emulator\'s built-in credentials.');
    const credential = await askCredential(connection, prompts.current, http, credentialArgsSchema.parse(values ?? {}));
    if (!credential) return false;
    const where = await credentials.write(connection, credential);
    status.clear(connection.id);
    void vscode.window.showInformationMessage(
      `Saved the credential of ${connection.label}${where === 'session' ? ' for this session only' : ' in the OS keychain'}.`,
    );
    return true;
  }
}
