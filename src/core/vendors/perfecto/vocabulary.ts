/**
 * The values Perfecto documents for its enumerated search parameters. The vendor rejects
 * anything else with a 400, so the adapter only sends a filter whose value is listed here
 * (in the listed spelling) and keeps every other value a local filter.
 */

export const PERFECTO_STATUSES = ['SUCCESS', 'FAILURE'] as const;

export const PERFECTO_ACTOR_TYPES = ['user', 'admin'] as const;

/** Union of the prose list and the sample values of `resourceType`. */
export const PERFECTO_RESOURCE_TYPES = [
  'user', 'config', 'policy', 'dataset', 'report', 'device', 'execution', 'artifact',
  'directory', 'Script', 'Repository',
] as const;

export const PERFECTO_ACTIONS = [
  'Update Feature setting', 'Open device', 'Close device', 'Test Execution',
  'Upload artifact', 'Edit artifact', 'Move artifact', 'Delete artifact',
  'Add directory', 'Delete directory', 'Rename directory', 'Move directory',
  'Insert feature setting', 'Update feature setting', 'Insert system setting',
  'Update system setting', 'Delete feature setting', 'Create device group',
  'Update device group', 'Delete device group', 'Add devices to group',
  'Remove devices from group', 'Release device', 'Delete device', 'Connect device',
  'Disconnect device', 'Update device', 'Save or update script', 'Delete Repository',
  'Create Repository', 'Create User', 'Delete User', 'Update User', 'Create User group',
  'Delete User group', 'Update User group', 'Add user role', 'LOGIN', 'LOGOUT',
  'LOGIN_ERROR', 'GENERATE_SECURITY_TOKEN', 'USE_SECURITY_TOKEN', 'USE_SECURITY_TOKEN_ERROR',
] as const;

export const PERFECTO_DESCRIPTIONS = [
  'Updating a feature setting', 'Opening a device', 'Closing a device', 'Executing a test',
  'Uploading a artifact', 'Editing a artifact', 'Moving a artifact', 'Deleting a artifact',
  'Adding a directory', 'Deleting a directory', 'Renaming a directory', 'Moving a directory',
  'Inserting a new feature setting', 'Inserting a new system setting',
  'Updating a system setting', 'Deleting a feature setting', 'Creating a new device group',
  'Updating a device group details', 'Deleting a device group', 'Adding new devices to group',
  'Removing a devices from group', 'Releasing a device', 'Deleting a device',
  'Connecting a device', 'Disconnecting a device', 'Updating a device',
  'Saving or updating a script', 'Deleting a Repository', 'Creating a new Repository',
  'Creating a new user', 'Deleting a user', 'Updating a user details',
  'Creating a new user group', 'Deleting a user group', 'Updating a user group details',
  'Adding a new user role', 'User logged in', 'User login failed', 'User logged out',
  'User generated security token', 'User failed to use security token',
] as const;

/**
 * The documented spelling of `value` when exactly one listed value equals it ignoring
 * case; undefined when none does, or when several do (then no single spelling sent to the
 * vendor can match everything a case-insensitive filter means).
 */
export function canonicalValue(list: readonly string[], value: string): string | undefined {
  const wanted = value.trim().toLowerCase();
  const matches = list.filter((item) => item.toLowerCase() === wanted);
  return matches.length === 1 ? matches[0] : undefined;
}
