import * as assert from 'assert';
import * as vscode from 'vscode';

const extensionId = 'audit-lens.audit-lens';

describe('activation', () => {
  it(`finds and activates ${extensionId}`, async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not installed in the extension host`);
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });
});
