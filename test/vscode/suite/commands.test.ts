import * as assert from 'assert';
import * as vscode from 'vscode';

const extensionId = 'audit-lens.audit-lens';

interface ContributedCommand {
  command: string;
}

describe('commands', () => {
  let contributed: string[];
  let registered: string[];

  before(async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not installed in the extension host`);
    await extension.activate();
    const commands = (extension.packageJSON.contributes?.commands ?? []) as ContributedCommand[];
    contributed = commands.map((c) => c.command);
    registered = await vscode.commands.getCommands(true);
  });

  it('contributes at least one command', () => {
    assert.ok(contributed.length > 0, 'package.json contributes.commands is empty');
  });

  it('registers every contributed command', () => {
    const missing = contributed.filter((id) => !registered.includes(id));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('contributes every registered auditLens.* command', () => {
    const undeclared = registered.filter((id) => id.startsWith('auditLens.') && !contributed.includes(id));
    assert.deepStrictEqual(undeclared, [], `registered but missing from contributes.commands: ${undeclared.join(', ')}`);
  });
});
