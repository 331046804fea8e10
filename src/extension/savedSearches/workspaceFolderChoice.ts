import type { Prompts } from '../ui/prompts';
import type { FolderStore } from './searchStore';

/**
 * The workspace folder whose file a search goes to: the only one without asking, otherwise the
 * one the user picks (undefined when they cancel).
 */
export async function chooseWorkspaceRoot(
  folders: readonly Pick<FolderStore, 'root' | 'name' | 'path'>[],
  prompts: Pick<Prompts, 'pick'>,
  title: string,
): Promise<string | undefined> {
  const [first] = folders;
  if (!first) throw new Error('Open a folder to keep saved searches in the workspace.');
  if (folders.length === 1) return first.root;
  const items = folders.map(({ root, name, path }) => ({ label: name, description: path, root }));
  return (await prompts.pick(items, { title, placeHolder: 'Which workspace folder\'s .vscode/audit-lens.json?' }))?.root;
}

