/** The table columns of the results panel: settings, saved searches and the webview share this list. */
export const COLUMN_IDS = ['time', 'vendor', 'connection', 'actor', 'action', 'resource', 'status', 'description', 'traceId', 'id'] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];
export const DEFAULT_COLUMNS: readonly ColumnId[] = ['time', 'vendor', 'actor', 'action', 'resource', 'status', 'description', 'traceId'];
