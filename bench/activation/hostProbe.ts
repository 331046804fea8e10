/**
 * Loaded by VS Code's extension host in place of a test suite: activates Audit Lens once
 * and prints how long loading and `activate()` took, tagged so the driver can find it.
 */
import * as vscode from 'vscode';

export const PROBE_MARKER = '[audit-lens-bench] ';
const EXTENSION_ID = 'audit-lens.audit-lens';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  const wasActive = extension.isActive;
  const started = performance.now();
  const api = (await extension.activate()) as { activationMs?: number } | undefined;
  const ms = performance.now() - started;
  console.log(`${PROBE_MARKER}${JSON.stringify({ ms, activateMs: api?.activationMs, wasActive })}`);
}
