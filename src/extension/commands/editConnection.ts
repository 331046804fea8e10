import * as vscode from 'vscode';
import type { Connection } from '../../core/model';
import { originOf } from '../../core/search/requestBuilder';
import { getAdapter } from '../../core/vendors/registry';
import { labelProblem } from '../connections/connectionSchema';
import { connectionToSameTenant } from '../connections/sameTenant';
import { accountIdProblem, VENDOR_SETUP } from '../connections/vendorFields';
import type { Services } from '../services';
import { connectionFromArg } from './args';
import { checkAddress } from './addConnection';
import type { Command } from './command';

/** "Audit Lens: Edit Connection": label, address and account id. A new origin needs the credential again. */
export class EditConnectionCommand implements Command {
  readonly id = 'auditLens.editConnection' as const;

  constructor(private readonly services: Services) {}

  async execute(target?: unknown, changes?: { label?: string; address?: string; accountId?: string }): Promise<boolean> {
    const { connections, prompts } = this.services;
    const connection = await connectionFromArg(target, connections, prompts.current, (c) => !c.demo);
    if (!connection) return false;
    if (connection.demo) throw new Error('Demo connections cannot be edited.');
    const setup = VENDOR_SETUP[connection.vendor];
    const label = changes?.label ?? await prompts.current.input({ title: `Edit ${connection.label}: label`, value: connection.label, validateInput: labelProblem });
    if (label === undefined) return false;
    const address = changes?.address ?? await prompts.current.input({
      title: `Edit ${connection.label}: address`, prompt: setup.addressPrompt, value: connection.baseUrl,
      validateInput: (v) => checkAddress(connection.vendor, v),
    });
    if (address === undefined) return false;
    const problem = checkAddress(connection.vendor, address);
    if (problem) throw new Error(problem);
    let accountId = connection.accountId;
    if (setup.needsAccountId) {
      accountId = changes?.accountId ?? await prompts.current.input({
        title: `Edit ${connection.label}: AXP account id`, value: connection.accountId ?? '', validateInput: (v) => accountIdProblem(connection, v),
      });
      if (accountId === undefined) return false;
    }
    // An emptied account id is removed, so the adapter's check below says it is needed.
    const { accountId: _previous, ...unchanged } = connection;
    const updated: Connection = { ...unchanged, label: label.trim(), baseUrl: setup.baseUrl(address), ...(accountId?.trim() ? { accountId: accountId.trim() } : {}) };
    const invalid = getAdapter(updated.vendor).validateConnection(updated);
    if (invalid) throw new Error(invalid);
    const twin = connectionToSameTenant(updated, connections.all().filter((c) => c.id !== connection.id));
    if (twin && !await prompts.current.confirm(
      `"${twin.label}" already connects to this ${setup.label} tenant. Point ${updated.label} at it too?`,
      'Save Anyway',
      'A search across both shows each of its events twice.',
    )) return false;
    await connections.upsert(updated);
    if (originOf(updated.baseUrl) !== originOf(connection.baseUrl)) {
      const choice = await prompts.current.offer(
        `${updated.label} now points at ${originOf(updated.baseUrl)}. Its credential was entered for ${originOf(connection.baseUrl)} and will not be sent there until you set it again.`,
        'Set Credential',
      );
      if (choice === 'Set Credential') await vscode.commands.executeCommand('auditLens.setCredential', { connectionId: updated.id });
    }
    return true;
  }
}
