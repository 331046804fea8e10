import * as vscode from 'vscode';
import { isAuditLensError } from '../../core/errors';
import type { Connection } from '../../core/model';
import type { Prompts } from '../ui/prompts';
import { describeError } from '../util/describeError';

const SET_CREDENTIAL = 'Set Credential';

/**
 * When a vendor refuses a connection's credential (401/403), says which connection and
 * offers to replace the credential. The stored credential is left alone: a 403 may be a
 * missing permission, and a 401 may be the vendor's outage; only the user replaces it.
 * Returns false for any other error.
 */
export function offerCredentialUpdate(connection: Connection, error: unknown, prompts: Prompts): boolean {
  if (!isAuditLensError(error) || !error.isCredentialProblem || connection.demo) return false;
  const what = error.reason === 'permission' ? 'lacks the permission to read audit logs' : 'was refused';
  const message = `The credential of "${connection.label}" ${what}: ${describeError(error) ?? ''} Set a new one?`;
  void Promise.resolve(prompts.offer(message, SET_CREDENTIAL)).then((choice) => {
    if (choice === SET_CREDENTIAL) void vscode.commands.executeCommand('auditLens.setCredential', { connectionId: connection.id });
  }, () => undefined);
  return true;
}
