/** The UI state the webview persists with `setState`; the host's serializer reads `search` from it. */
import * as z from 'zod/mini';
import { COLUMN_IDS, DEFAULT_COLUMNS } from './columns';
import { panelSearchSchema } from './protocol';

export { COLUMN_IDS, DEFAULT_COLUMNS, type ColumnId } from './columns';


export const FACET_FIELDS = ['vendor', 'connection', 'status', 'action', 'actor', 'resourceType', 'resource', 'traceId'] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

/** Longest filter text kept: the input takes no more, so a saved state always reads back. */
export const FILTER_TEXT_MAX = 2_000;

/** How narrow and how wide a column can be dragged, in px. */
export const COLUMN_WIDTH_MIN = 48;
export const COLUMN_WIDTH_MAX = 1600;

const columnWidthsSchema = z.partialRecord(z.enum(COLUMN_IDS), z.number().check(z.gte(COLUMN_WIDTH_MIN), z.lte(COLUMN_WIDTH_MAX)));
/** Widths the user dragged columns to; a column without one keeps its default. */
export type ColumnWidths = z.infer<typeof columnWidthsSchema>;

const localFilterSchema = z.object({
  field: z.enum(FACET_FIELDS),
  value: z.string().check(z.maxLength(2_000)),
  exclude: z.boolean(),
});
export type LocalFilter = z.infer<typeof localFilterSchema>;

const viewStateSchema = z.object({
  search: z.optional(panelSearchSchema),
  columns: z.array(z.enum(COLUMN_IDS)),
  /** Absent in states saved before columns could be resized. */
  widths: z.optional(columnWidthsSchema),
  sort: z.object({ column: z.enum(COLUMN_IDS), descending: z.boolean() }),
  filters: z.array(localFilterSchema),
  selectedKey: z.nullable(z.string()),
  detailOpen: z.boolean(),
  /** The user's choice for the field sidebar; absent until they choose, when narrow panels hide it. */
  fieldsHidden: z.optional(z.boolean()),
  /** The text typed in "Filter loaded events"; absent in states saved before it was kept. */
  filterText: z.optional(z.string().check(z.maxLength(FILTER_TEXT_MAX))),
  scrollTop: z.number(),
});
export type ViewState = z.infer<typeof viewStateSchema>;

export const DEFAULT_VIEW_STATE: ViewState = {
  columns: [...DEFAULT_COLUMNS],
  sort: { column: 'time', descending: true },
  filters: [],
  selectedKey: null,
  detailOpen: false,
  scrollTop: 0,
};

/** Reads persisted state leniently: an old or damaged state falls back to defaults. */
export function readViewState(value: unknown): ViewState {
  const result = viewStateSchema.safeParse(value);
  return result.success ? result.data : { ...DEFAULT_VIEW_STATE, search: readSearch(value) };
}

function readSearch(value: unknown) {
  if (typeof value !== 'object' || value === null) return undefined;
  const result = panelSearchSchema.safeParse((value as { search?: unknown }).search);
  return result.success ? result.data : undefined;
}
