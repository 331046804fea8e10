import * as z from 'zod/mini';
import type { Dataset } from '../../dataset';
import { parseIsoTime } from '../../isoTime';
import { searchCachePer } from '../../searchCache';
import '../../../core/validationMessages';
import { type Entry, generate } from './records';

// ISO 8601 only, as the seed's samples: Date.parse alone would also take "12/04/2025" or "Thu, 04 Dec 2025".
const isoText = z.string().check(z.refine((value) => parseIsoTime(value) !== undefined, 'must be an ISO-8601 date-time'));

export const searchBodySchema = z.object({
  startDate: z.optional(isoText),
  endDate: z.optional(isoText),
  event: z.optional(z.string()),
  author: z.optional(z.string()),
  type: z.optional(z.string()),
  ipAddress: z.optional(z.string().check(z.maxLength(15, 'must be an IPv4 address of at most 15 characters'))),
  searchKeyword: z.optional(z.string()),
});
export type SearchBody = z.infer<typeof searchBodySchema>;

function searchText(entry: Entry): string {
  if (entry.text === undefined) {
    const parts: string[] = [];
    const collect = (value: unknown): void => {
      if (value === null || value === undefined) return;
      if (Array.isArray(value)) value.forEach(collect);
      else if (typeof value === 'object') Object.values(value).forEach(collect);
      else parts.push(String(value));
    };
    const { event, author, ipAddress, type, auditData } = entry.record;
    collect([event, author, ipAddress, type, auditData]);
    entry.text = parts.join('\n').toLowerCase();
  }
  return entry.text;
}

/** event, type and ipAddress match exactly; author ignores case (an e-mail); searchKeyword is a substring of any field but the date. */
function matches(entry: Entry, body: SearchBody, fromMs: number, toMs: number): boolean {
  const record = entry.record;
  if (entry.ms < fromMs || entry.ms > toMs) return false;
  if (body.event !== undefined && record.event !== body.event) return false;
  if (body.type !== undefined && record.type !== body.type) return false;
  if (body.ipAddress !== undefined && record.ipAddress !== body.ipAddress) return false;
  if (body.author !== undefined && record.author.toLowerCase() !== body.author.toLowerCase()) return false;
  if (body.searchKeyword !== undefined && !searchText(entry).includes(body.searchKeyword.toLowerCase())) return false;
  return true;
}

function order(entries: Entry[], orderBy: string): Entry[] {
  const [field, direction = 'asc'] = orderBy.split(' ');
  if (field === 'date') return direction === 'desc' ? entries : [...entries].reverse();
  const sign = direction === 'desc' ? -1 : 1;
  // Array.prototype.sort is stable: equal authors stay newest first.
  return [...entries].sort((a, b) => sign * a.record.author.localeCompare(b.record.author));
}

/** Paging through one search re-runs it per page: keep the last few result lists. */
const cached = searchCachePer<Dataset, Entry[]>(16);

/** The records a search body selects, in the order asked for. */
export function search(dataset: Dataset, body: SearchBody, orderBy: string): Entry[] {
  return cached(dataset, JSON.stringify([body, orderBy]), () => {
    const fromMs = body.startDate === undefined ? -Infinity : parseIsoTime(body.startDate) as number;
    const toMs = body.endDate === undefined ? Infinity : parseIsoTime(body.endDate) as number;
    const all = dataset.records('axp', generate) as Entry[];
    return order(all.filter((entry) => matches(entry, body, fromMs, toMs)), orderBy);
  });
}
