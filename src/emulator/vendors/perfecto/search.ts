import {
  PERFECTO_ACTIONS, PERFECTO_ACTOR_TYPES, PERFECTO_DESCRIPTIONS, PERFECTO_RESOURCE_TYPES, PERFECTO_STATUSES,
} from '../../../core/vendors/perfecto/vocabulary';
import { parseIsoTime } from '../../isoTime';
import { searchCachePer } from '../../searchCache';
import { documented, ERRORS, type ErrorItem, undocumented } from './errors';
import type { Entry } from './records';

const DEFAULT_SIZE = 1000;
/** Elasticsearch's default result window: the most hits one request can ask for. */
const MAX_SIZE = 10_000;

export interface Search {
  status?: string;
  resourceType?: string;
  resourceId?: string;
  action?: string;
  description?: string;
  actorType?: string;
  actorId?: string;
  traceId?: string;
  fromMs?: number;
  toMs?: number;
  page: number;
  size: number;
}

/** A body field under either spelling (the docs' own examples use `resource_type` too). */
function field(body: Record<string, unknown>, camel: string, snake: string): string | undefined {
  const value = body[camel] ?? body[snake];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function inList(list: readonly string[], value: string): boolean {
  const wanted = value.toLowerCase();
  return list.some((item) => item.toLowerCase() === wanted);
}

function timestamp(value: string | undefined, problems: ErrorItem[]): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseIsoTime(value);
  if (ms === undefined) {
    if (!problems.some((item) => item.userMessage === ERRORS.timestamp[0])) problems.push(documented('timestamp'));
    return undefined;
  }
  return ms;
}

function nonNegativeInteger(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 0 ? number : undefined;
}

/** The search a body asks for, or every problem with it. */
export function parseSearch(body: Record<string, unknown>): Search | ErrorItem[] {
  const problems: ErrorItem[] = [];
  const search: Search = { page: 1, size: DEFAULT_SIZE };
  const checked = (name: keyof Search, value: string | undefined, list: readonly string[], error: keyof typeof ERRORS) => {
    if (value === undefined) return;
    if (inList(list, value)) (search as unknown as Record<string, string>)[name] = value.toLowerCase();
    else problems.push(documented(error));
  };
  checked('status', field(body, 'status', 'status'), PERFECTO_STATUSES, 'status');
  checked('resourceType', field(body, 'resourceType', 'resource_type'), PERFECTO_RESOURCE_TYPES, 'resourceType');
  checked('action', field(body, 'action', 'action'), PERFECTO_ACTIONS, 'action');
  checked('description', field(body, 'description', 'description'), PERFECTO_DESCRIPTIONS, 'description');
  checked('actorType', field(body, 'actorType', 'actor_type'), PERFECTO_ACTOR_TYPES, 'actorType');
  search.resourceId = field(body, 'resourceId', 'resource_id');
  search.actorId = field(body, 'actorId', 'actor_id');
  search.traceId = field(body, 'traceId', 'trace_id');
  search.fromMs = timestamp(field(body, 'timestampFrom', 'timestamp_from'), problems);
  search.toMs = timestamp(field(body, 'timestampTo', 'timestamp_to'), problems);
  if (body['from'] !== undefined && body['from'] !== null) {
    const page = nonNegativeInteger(body['from']);
    if (page === undefined) problems.push(undocumented('from should be a page number: 1 for the first page'));
    else search.page = Math.max(page, 1); // 0 and a missing `from` both mean the first page
  }
  if (body['size'] !== undefined && body['size'] !== null) {
    const size = nonNegativeInteger(body['size']);
    if (size === undefined || size > MAX_SIZE) problems.push(undocumented(`size should be a whole number from 0 to ${MAX_SIZE}`));
    else search.size = size;
  }
  return problems.length > 0 ? problems : search;
}

function matches(entry: Entry, search: Search): boolean {
  const { item, actor } = entry;
  return (search.status === undefined || entry.status.toLowerCase() === search.status)
    && (search.resourceType === undefined || item.resourceType.toLowerCase() === search.resourceType)
    && (search.action === undefined || item.action.toLowerCase() === search.action)
    && (search.description === undefined || item.description.toLowerCase() === search.description)
    && (search.actorType === undefined || actor.type === search.actorType)
    && (search.resourceId === undefined || entry.resourceId === search.resourceId)
    && (search.actorId === undefined || actor.id === search.actorId)
    && (search.traceId === undefined || entry.traceId === search.traceId)
    && (search.fromMs === undefined || entry.ms >= search.fromMs)
    && (search.toMs === undefined || entry.ms <= search.toMs);
}

/** Matches per filter set, so paging through one search scans the data once. */
const cached = searchCachePer<readonly Entry[], Entry[]>(32);

export function matching(entries: readonly Entry[], search: Search): Entry[] {
  const { page: _page, size: _size, ...filters } = search;
  return cached(entries, JSON.stringify(filters), () => entries.filter((entry) => matches(entry, search)));
}
