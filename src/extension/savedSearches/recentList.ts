import * as z from 'zod/mini';

/** How many recent searches are kept. */
export const RECENT_LIMIT = 20;

/** The longest query remembered: a longer one is not recorded, since cutting it would make another query. */
export const MAX_RECENT_QUERY = 2_000;

const recentSearchSchema = z.object({
  query: z.string().check(z.maxLength(MAX_RECENT_QUERY)),
  scope: z.union([z.literal('all'), z.array(z.string())]),
  at: z.number(),
});
export type RecentSearch = z.infer<typeof recentSearchSchema>;

/** The valid entries of what storage holds, newest first: an odd entry is dropped, never the whole list. */
export function readRecent(stored: unknown): RecentSearch[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((entry) => {
    const parsed = recentSearchSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  }).slice(0, RECENT_LIMIT);
}

/** `list` with `entry` first and an earlier run of the same search removed; undefined when `entry` is too big to keep. */
export function withRecent(list: readonly RecentSearch[], entry: RecentSearch): RecentSearch[] | undefined {
  if (!recentSearchSchema.safeParse(entry).success) return undefined;
  const scope = JSON.stringify(entry.scope);
  const others = list.filter((r) => r.query !== entry.query || JSON.stringify(r.scope) !== scope);
  return [entry, ...others].slice(0, RECENT_LIMIT);
}
