import * as assert from 'assert';
import * as vscode from 'vscode';

const extensionId = 'audit-lens.audit-lens';

interface Contributes {
  commands?: Array<{ command: string }>;
  views?: Record<string, Array<{ id: string }>>;
}

/** Commands VS Code itself registers for every contributed view, e.g. `<viewId>.focus`. */
const generatedViewCommands = ['open', 'focus', 'resetViewLocation', 'toggleVisibility', 'removeView'];

describe('commands', () => {
  let contributed: string[];
  let registered: string[];
  let generated: Set<string>;

  before(async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not installed in the extension host`);
    await extension.activate();
    const contributes = (extension.packageJSON.contributes ?? {}) as Contributes;
    contributed = (contributes.commands ?? []).map((c) => c.command);
    const viewIds = Object.values(contributes.views ?? {}).flat().map((v) => v.id);
    generated = new Set(viewIds.flatMap((id) => generatedViewCommands.map((suffix) => `${id}.${suffix}`)));
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
    const undeclared = registered.filter((id) => id.startsWith('auditLens.') && !contributed.includes(id) && !generated.has(id));
    assert.deepStrictEqual(undeclared, [], `registered but missing from contributes.commands: ${undeclared.join(', ')}`);
  });
});
