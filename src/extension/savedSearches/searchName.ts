/** A saved search's name as typed: "Folder/Sub/Name", split and checked. */
import { MAX_SEARCH_NAME } from './savedSearchSchema';

/** What is wrong with a typed "Folder/Name" for a saved search, or undefined when nothing is. */
export function searchNameProblem(value: string): string | undefined {
  const { name, folder } = splitPath(value);
  if (!name) return 'A saved search needs a name.';
  if (name.length > MAX_SEARCH_NAME) return `The name is ${name.length} characters long; keep it to ${MAX_SEARCH_NAME}.`;
  if (folder && folder.length > MAX_SEARCH_NAME) return `The folder path is ${folder.length} characters long; keep it to ${MAX_SEARCH_NAME}.`;
  return undefined;
}

/** "Security/Logins/Failed" → folder "Security/Logins", name "Failed". */
export function splitPath(value: string): { name: string; folder?: string } {
  const parts = value.split('/').map((p) => p.trim()).filter((p) => p !== '');
  const name = parts.pop() ?? '';
  return parts.length > 0 ? { name, folder: parts.join('/') } : { name };
}
