import * as assert from 'assert';
import * as fs from 'fs';
import { useWorkbench } from './workbench';

describe('Audit Lens in the workbench', () => {
  const workbench = useWorkbench();

  it('opens the Audit Lens view from the activity bar', async () => {
    const sideBar = await workbench().openViewContainer('Audit Lens');
    // A container with a single view shows that view's name in the container title.
    await sideBar.locator('.composite.title h2', { hasText: 'Connections and Searches' }).waitFor({ state: 'visible' });
    // With no connection configured the view offers the demo in its welcome content.
    await sideBar.getByRole('button', { name: 'Try the Demo' }).waitFor({ state: 'visible' });
    const shot = await workbench().screenshot('audit-lens-view');
    assert.ok(fs.statSync(shot).size > 10_000, `screenshot ${shot} looks empty`);
  });

  it('runs "Audit Lens: Show Log" from the command palette', async () => {
    await workbench().runCommand('Audit Lens: Show Log');
    const panel = workbench().page.locator('.part.panel');
    await panel.waitFor({ state: 'visible' });
    await panel.locator('.monaco-select-box[title="Audit Lens"], select.monaco-select-box', { hasText: 'Audit Lens' })
      .first().waitFor({ state: 'visible' });
    await workbench().screenshot('audit-lens-log');
  });
});
