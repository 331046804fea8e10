import * as vscode from 'vscode';
import { offerCredentialUpdate } from '../connections/credentialProblem';
import { describeOutcome, testRequest, type TestOutcome } from '../connections/testRequest';
import type { Services } from '../services';
import { connectionFromArg } from './args';
import type { Command } from './command';

/** "Audit Lens: Test Connection": one small search, the vendor's answer in words. */
export class TestConnectionCommand implements Command {
  readonly id = 'auditLens.testConnection' as const;

  constructor(private readonly services: Services) {}

  async execute(target?: unknown): Promise<TestOutcome | undefined> {
    const { connections, prompts, backend, status } = this.services;
    const connection = await connectionFromArg(target, connections, prompts.current);
    if (!connection) return undefined;
    const [resolved] = (await backend.resolve([connection.id])).targets;
    if (!resolved) return undefined;
    const outcome = await testRequest(resolved.connection, resolved.credentials, backend.searchOptions());
    const message = describeOutcome(connection, outcome);
    if (outcome.ok) {
      if (!outcome.cancelled) status.clear(connection.id); // a cancelled test tells nothing of the connection
      void vscode.window.showInformationMessage(message);
    } else {
      status.setError(connection.id, outcome.error);
      if (!offerCredentialUpdate(connection, outcome.error, prompts.current)) void vscode.window.showErrorMessage(message);
    }
    return outcome;
  }
}
