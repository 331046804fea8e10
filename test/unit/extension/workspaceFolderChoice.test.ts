import * as assert from 'assert';
import type { QuickPickItem, QuickPickOptions } from 'vscode';
import { chooseWorkspaceRoot } from '../../../src/extension/savedSearches/workspaceFolderChoice';

/** Records what it is asked and picks the item labelled `answer` (or cancels). */
function picker(answer: string | undefined) {
  const asked: { labels: string[]; descriptions: (string | undefined)[]; title?: string }[] = [];
  return {
    asked,
    async pick<T extends QuickPickItem>(items: readonly T[], options: QuickPickOptions): Promise<T | undefined> {
      asked.push({ labels: items.map((i) => i.label), descriptions: items.map((i) => i.description), ...(options.title ? { title: options.title } : {}) });
      return items.find((i) => i.label === answer);
    },
  };
}

const app = { root: 'file:///repo/app', name: 'app', path: '/repo/app' };
const api = { root: 'file:///repo/my%20api', name: 'api', path: '/repo/my api' };

describe('extension: which workspace folder a search is saved to', () => {
  it('takes the only folder without asking', async () => {
    const prompts = picker(undefined);
    assert.strictEqual(await chooseWorkspaceRoot([app], prompts, 'Save Search'), app.root);
    assert.deepStrictEqual(prompts.asked, []);
  });

  it('asks among several folders, by name with their paths, and returns the one picked', async () => {
    const prompts = picker('api');
    assert.strictEqual(await chooseWorkspaceRoot([app, api], prompts, 'Save Search'), api.root);
    assert.deepStrictEqual(prompts.asked, [{ labels: ['app', 'api'], descriptions: ['/repo/app', '/repo/my api'], title: 'Save Search' }]);
  });

  it('returns nothing when the question is cancelled', async () => {
    assert.strictEqual(await chooseWorkspaceRoot([app, api], picker(undefined), 'Save Search'), undefined);
  });

  it('says to open a folder when none is open', async () => {
    await assert.rejects(chooseWorkspaceRoot([], picker('app'), 'Save Search'), /Open a folder/);
  });
});
