import * as z from 'zod/mini';
import { EMULATOR_AXP_ACCOUNT, EMULATOR_CREDENTIALS } from '../credentials';
import { type Dataset, pick, PEOPLE, type Random, uuid } from '../dataset';
import type { EmulatorRequest, EmulatorResponse, VendorRoute } from '../types';
import '../../core/validationMessages';

/*
 * Avaya Experience Platform, user administration audit records:
 * POST /api/admin/user/v1/accounts/<accountId>/audit-records:search
 *
 * Errors are RFC 7807 problem details as AXP documents them:
 *   401 { type, title: "Unauthorized", status: 401, detail: "...credentials(Appkey)" | "...(Access-Token)" }
 *   400 { type, title: "Bad Request", status: 400, detail: "<what is wrong>" }
 * AXP documents no request budget for this endpoint, so none is enforced.
 */

const PATH = /^\/api\/admin\/user\/v1\/accounts\/([^/]+)\/audit-records:search$/;
const DOCS = 'https://developers.avayacloud.com/avaya-experience-platform/docs/error-handling';
const DEFAULT_PAGE_SIZE = 5;
const MAX_PAGE_SIZE = 50;

interface AxpWireRecord {
  date: string;
  event: 'CREATED' | 'UPDATED' | 'DELETED';
  author: string;
  ipAddress: string;
  type: ObjectType;
  auditData: Record<string, unknown>;
}

interface Entry {
  ms: number;
  record: AxpWireRecord;
  /** Lower-cased text of every field but the date, built on the first keyword search. */
  text?: string;
}

// ---------------------------------------------------------------- data

type ObjectType = 'PROFILE' | 'USER' | 'GROUP' | 'QUEUE';
type Snapshot = Record<string, unknown>;

const TYPES: readonly ObjectType[] = ['PROFILE', 'USER', 'USER', 'GROUP', 'QUEUE'];
const ROLES = ['Agent', 'Supervisor', 'Administrator', 'Reporting Analyst'];
const PROFILE_NAMES = ['Advanced', 'Basic', 'Supervisor', 'Back Office', 'Night Shift', 'Sales Agent'];
const PROFILE_TEXT = ['A profile with all the features', 'Voice and chat only', 'Read-only reporting', 'Outbound campaigns'];
const FIRST = ['Chris', 'Maria', 'Omar', 'Lena', 'Tom', 'Aiko', 'Sam', 'Nadia'];
const LAST = ['Dunbar', 'Garcia', 'Haddad', 'Novak', 'Becker', 'Tanaka', 'Reyes', 'Okafor'];
const GROUP_NAMES = ['CreditCardAgentGroup', 'MortgageTeam', 'TierTwoSupport', 'EMEAEscalations'];
const GROUP_TEXT = ['Credit Card Agent Group', 'Mortgage advisers', 'Second line support', 'Escalations desk'];
const QUEUE_NAMES = ['NA Support', 'EU Billing', 'VIP Callback', 'Claims Intake'];
const QUEUE_TEXT = ['Route engagements to support agents in the NA Region', 'Billing questions, EU hours', 'Priority callbacks', 'New insurance claims'];
const IPS = ['165.225.72.60', '10.12.4.31', '192.168.10.24', '203.0.113.77', '198.51.100.9', '172.16.8.140'];

function profileCode(random: Random): string {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  let out = '';
  for (let i = 0; i < 6; i++) out += chars[Math.floor(random() * chars.length)];
  return out;
}

/** A value from `items` other than `current` (items hold at least two values). */
function other<T>(random: Random, items: readonly T[], current: unknown): T {
  const choices = items.filter((item) => item !== current);
  return pick(random, choices);
}

function toggle(random: Random, list: unknown, items: readonly string[]): string[] {
  const current = Array.isArray(list) ? (list as string[]) : [];
  const item = pick(random, items);
  const next = current.includes(item) ? current.filter((value) => value !== item) : [...current, item];
  return next.length > 0 ? next : [other(random, items, item)];
}

function create(random: Random, type: ObjectType): Snapshot {
  switch (type) {
    case 'PROFILE':
      return {
        profileId: profileCode(random), profileName: pick(random, PROFILE_NAMES),
        description: pick(random, PROFILE_TEXT), uxProfileId: uuid(random),
        roles: [pick(random, ROLES)], memberOfGroups: [uuid(random)],
      };
    case 'USER': {
      const first = pick(random, FIRST);
      const last = pick(random, LAST);
      return {
        userId: uuid(random), firstName: first, lastName: last, displayName: `${first} ${last}`,
        emailAddress: `${first}.${last}@example.com`.toLowerCase(), profileId: profileCode(random),
        roles: ['Agent'], status: 'ACTIVE',
      };
    }
    case 'GROUP': {
      const index = Math.floor(random() * GROUP_NAMES.length);
      return {
        groupId: uuid(random), name: GROUP_NAMES[index], description: GROUP_TEXT[index],
        resources: [{ type: 'User', resourceIds: [uuid(random)] }],
      };
    }
    case 'QUEUE': {
      const index = Math.floor(random() * QUEUE_NAMES.length);
      return {
        queueId: uuid(random), name: QUEUE_NAMES[index], description: QUEUE_TEXT[index],
        timetableId: uuid(random), defaultAccountQueue: false, afterContactWork: random() < 0.5,
      };
    }
  }
}

/** How many different single-field changes each type knows (see `applyChange`). */
const CHANGE_KINDS: Record<ObjectType, number> = { PROFILE: 4, USER: 4, GROUP: 2, QUEUE: 3 };

/** The next snapshot of an object: one or two different fields changed, so never none. */
function update(random: Random, type: ObjectType, old: Snapshot): Snapshot {
  const next = { ...old };
  const kinds = CHANGE_KINDS[type];
  const first = Math.floor(random() * kinds);
  applyChange(random, type, next, first);
  if (random() < 0.3) applyChange(random, type, next, (first + 1 + Math.floor(random() * (kinds - 1))) % kinds);
  return next;
}

/** Changes one field of `next` to a value it does not hold. */
function applyChange(random: Random, type: ObjectType, next: Snapshot, kind: number): void {
  switch (`${type}:${kind}`) {
    case 'PROFILE:0': next.roles = toggle(random, next.roles, ROLES); break;
    case 'PROFILE:1': next.description = other(random, PROFILE_TEXT, next.description); break;
    case 'PROFILE:2': next.profileName = other(random, PROFILE_NAMES, next.profileName); break;
    case 'PROFILE:3': next.memberOfGroups = [...(next.memberOfGroups as string[]), uuid(random)]; break;
    case 'USER:0': next.status = next.status === 'ACTIVE' ? 'INACTIVE' : 'ACTIVE'; break;
    case 'USER:1': next.roles = toggle(random, next.roles, ROLES); break;
    case 'USER:2': next.profileId = profileCode(random); break;
    case 'USER:3': next.displayName = `${next.firstName as string} ${other(random, LAST, String(next.displayName).split(' ')[1])}`; break;
    case 'GROUP:0': next.resources = [{ type: 'User', resourceIds: [uuid(random), uuid(random)] }]; break;
    case 'GROUP:1': next.description = other(random, GROUP_TEXT, next.description); break;
    case 'QUEUE:0': next.afterContactWork = !next.afterContactWork; break;
    case 'QUEUE:1': next.timetableId = uuid(random); break;
    default: next.description = other(random, QUEUE_TEXT, next.description);
  }
}

interface LiveObject {
  type: ObjectType;
  snapshot: Snapshot;
}

const LIVE_OBJECTS = 60;

/**
 * Records are generated oldest first so every object's history is consistent (CREATED,
 * then UPDATEDs, maybe a DELETED), then served newest first. Times are made unique so
 * two records never share content.
 */
function generate(dataset: Dataset): Entry[] {
  const random = dataset.random('axp');
  const count = dataset.counts.axp;
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(dataset.time(random));
  times.sort((a, b) => b - a);
  for (let i = 1; i < count; i++) if ((times[i] as number) >= (times[i - 1] as number)) times[i] = (times[i - 1] as number) - 1;

  const live: LiveObject[] = [];
  const entries: Entry[] = new Array<Entry>(count);
  for (let i = count - 1; i >= 0; i--) {
    const roll = random();
    let event: AxpWireRecord['event'];
    let object: LiveObject;
    if (live.length < 6 || (roll < 0.2 && live.length < LIVE_OBJECTS)) {
      const type = pick(random, TYPES);
      object = { type, snapshot: create(random, type) };
      live.push(object);
      event = 'CREATED';
    } else {
      const index = Math.floor(random() * live.length);
      object = live[index] as LiveObject;
      if (roll > 0.94) {
        live.splice(index, 1);
        event = 'DELETED';
      } else {
        object.snapshot = update(random, object.type, object.snapshot);
        event = 'UPDATED';
      }
    }
    const personIndex = Math.floor(random() * PEOPLE.length);
    const ms = times[i] as number;
    entries[i] = {
      ms,
      record: {
        date: new Date(ms).toISOString(),
        event,
        author: (PEOPLE[personIndex] as (typeof PEOPLE)[number]).email,
        ipAddress: random() < 0.9 ? (IPS[personIndex] as string) : pick(random, IPS),
        type: object.type,
        auditData: object.snapshot,
      },
    };
  }
  return entries;
}

// ---------------------------------------------------------------- requests

function problem(status: 400 | 401 | 404 | 405, title: string, detail: string): EmulatorResponse {
  const anchor = title.toLowerCase().replace(/\s+/g, '-');
  return { status, body: { type: `${DOCS}#${anchor}`, title, status, detail } };
}

const isoText = z.string().check(z.refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO-8601 date-time'));

const searchBodySchema = z.object({
  startDate: z.optional(isoText),
  endDate: z.optional(isoText),
  event: z.optional(z.string()),
  author: z.optional(z.string()),
  type: z.optional(z.string()),
  ipAddress: z.optional(z.string().check(z.maxLength(15, 'must be an IPv4 address of at most 15 characters'))),
  searchKeyword: z.optional(z.string()),
});
type SearchBody = z.infer<typeof searchBodySchema>;

function checkAuth(request: EmulatorRequest): EmulatorResponse | undefined {
  const expected = EMULATOR_CREDENTIALS.axp;
  const appKey = request.headers.appkey;
  const authorization = request.headers.authorization;
  const lacks = (what: string) => problem(401, 'Unauthorized', `The client request has not been completed because it lacks valid authentication credentials(${what})`);
  if (appKey === undefined && authorization === undefined) return lacks('Access-Token');
  if (appKey !== undefined && appKey !== expected.appKey) return lacks('Appkey');
  if (authorization !== undefined && authorization !== `Bearer ${expected.token}`) return lacks('Access-Token');
  return undefined;
}

/** A positive integer query parameter, its default when absent, or an error text. */
function intParam(query: URLSearchParams, name: string, fallback: number, max?: number): number | string {
  const text = query.get(name);
  if (text === null || text === '') return fallback;
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < 1 || (max !== undefined && value > max)) {
    return max === undefined ? `${name} must be a whole number of at least 1.` : `${name} must be a whole number between 1 and ${max}.`;
  }
  return value;
}

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
const resultCache = new WeakMap<Dataset, Map<string, Entry[]>>();
const CACHED_SEARCHES = 16;

function search(dataset: Dataset, body: SearchBody, orderBy: string): Entry[] {
  let cache = resultCache.get(dataset);
  if (!cache) {
    cache = new Map();
    resultCache.set(dataset, cache);
  }
  const key = JSON.stringify([body, orderBy]);
  const hit = cache.get(key);
  if (hit) return hit;
  const fromMs = body.startDate === undefined ? -Infinity : Date.parse(body.startDate);
  const toMs = body.endDate === undefined ? Infinity : Date.parse(body.endDate);
  const all = dataset.records('axp', generate) as Entry[];
  const result = order(all.filter((entry) => matches(entry, body, fromMs, toMs)), orderBy);
  if (cache.size >= CACHED_SEARCHES) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

function handle(request: EmulatorRequest, dataset: Dataset): EmulatorResponse {
  const path = PATH.exec(request.path);
  if (!path) {
    return problem(404, 'Resource Not Found', 'Either there is no API method associated with the URL path of the request, or the request refers to one or more resources that were not found.');
  }
  if (request.method !== 'POST') return problem(405, 'Method Not Allowed', `${request.method} is not supported here: use POST.`);
  const denied = checkAuth(request);
  if (denied) return denied;
  const account = path[1] as string;
  if (account !== EMULATOR_AXP_ACCOUNT) return problem(400, 'Bad Request', 'Invalid AccountID');

  const pageNumber = intParam(request.query, 'pageNumber', 1);
  if (typeof pageNumber === 'string') return problem(400, 'Bad Request', pageNumber);
  const pageSize = intParam(request.query, 'pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  if (typeof pageSize === 'string') return problem(400, 'Bad Request', pageSize);
  const orderBy = request.query.get('orderBy') ?? 'date';
  if (!/^(date|author)( (asc|desc))?$/.test(orderBy)) {
    return problem(400, 'Bad Request', `orderBy "${orderBy}" is not supported: use date or author, optionally followed by " asc" or " desc".`);
  }
  const parsed = searchBodySchema.safeParse(request.body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.');
    return problem(400, 'Bad Request', where
      ? `${where} ${issue?.message ?? 'is invalid'}`
      : 'The request could not be understood by the server due to malformed syntax.');
  }
  const body = parsed.data;
  if (body.startDate && body.endDate && Date.parse(body.startDate) > Date.parse(body.endDate)) {
    return problem(400, 'Bad Request', 'startDate must not be after endDate.');
  }

  const results = search(dataset, body, orderBy);
  const start = (pageNumber - 1) * pageSize;
  const lastPage = Math.max(1, Math.ceil(results.length / pageSize));
  const link = (page: number) => `/api/admin/user/v1/accounts/${account}/audit-records:search?pageNumber=${page}&pageSize=${pageSize}`;
  return {
    status: 200,
    body: {
      pagination: { pageNumber, pageSize, total: results.length },
      auditRecords: results.slice(start, start + pageSize).map((entry) => entry.record),
      // Swapped, as in AXP's own sample: `next` points back, `prev` points forward.
      links: {
        next: pageNumber > 1 ? link(pageNumber - 1) : null,
        prev: pageNumber < lastPage ? link(pageNumber + 1) : null,
      },
    },
  };
}

export const axpRoute: VendorRoute = {
  vendor: 'axp',
  handle: (request, context) => handle(request, context.dataset),
};
