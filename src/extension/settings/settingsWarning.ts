/** The button of the settings warning, and the command it runs. */
export const OPEN_SETTINGS = 'Open Settings';
export const OPEN_SETTINGS_COMMAND = 'workbench.action.openSettings';

export interface SettingsWarning {
  message: string;
  /** The Settings editor's search for exactly the settings at fault (`@id:` takes a comma list). */
  query: string;
}

/** One notification for every mistake found in one reading of the settings; undefined when there is none. */
export function settingsWarning(problems: readonly string[], settingIds: readonly string[]): SettingsWarning | undefined {
  if (problems.length === 0) return undefined;
  const heading = problems.length === 1 ? 'An Audit Lens setting needs fixing:' : `${problems.length} Audit Lens settings need fixing:`;
  return {
    message: `${heading} ${problems.join(' ')}`,
    query: `@id:${[...new Set(settingIds)].join(',')}`,
  };
}
