// A multi-root workspace in the workbench: each folder's shared saved searches show under
// that folder in the Audit Lens view.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { treeRow } from './people';
import { useWorkbench } from './workbench';

function writeSearches(folder: string, searches: Array<{ name: string; folder?: string; query: string }>): void {
  fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
  const file = { version: 1, searches: searches.map((search) => ({ connection: 'all', ...search })) };
  fs.writeFileSync(path.join(folder, '.vscode', 'audit-lens.json'), `${JSON.stringify(file, null, 2)}\n`);
}

describe('Audit Lens in a multi-root workspace', () => {
  const workbench = useWorkbench({
    extraFolders: 1,
    prepareFolders: ([first, second]) => {
      writeSearches(first as string, [{ name: 'Failed logins', folder: 'Security', query: 'status:failure since:24h' }]);
      writeSearches(second as string, [{ name: 'Billing admins', query: 'actor:admin since:7d' }]);
    },
  });

  it('shows each folder\'s shared saved searches under that folder', async () => {
    await workbench().openViewContainer('Audit Lens');
    const page = workbench().page;
    await treeRow(page, 'Workspace Searches').waitFor({ state: 'visible' });
    await treeRow(page, /^workspace$/).waitFor({ state: 'visible' });
    await treeRow(page, 'workspace-2').waitFor({ state: 'visible' });
    await treeRow(page, 'Security').waitFor({ state: 'visible' });
    await treeRow(page, 'Failed logins').waitFor({ state: 'visible' });
    await treeRow(page, 'Billing admins').waitFor({ state: 'visible' });
    const rows = await page.locator('.part.sidebar .monaco-list-row').allInnerTexts();
    // A search's row reads its name then its query; a folder's row is its name alone.
    const folderAt = (name: string) => rows.indexOf(name);
    const searchAt = (name: string) => rows.findIndex((row) => row.startsWith(name));
    const order = [folderAt('workspace'), folderAt('Security'), searchAt('Failed logins'), folderAt('workspace-2'), searchAt('Billing admins')];
    assert.ok(order.every((at, i) => at >= 0 && (i === 0 || at > (order[i - 1] as number))), rows.join(' | '));
    await workbench().screenshot('multi-root-saved-searches');
  });
});
