import { randomBytes } from 'node:crypto';
import {
  PERFECTO_ACTIONS, PERFECTO_ACTOR_TYPES, PERFECTO_DESCRIPTIONS, PERFECTO_RESOURCE_TYPES, PERFECTO_STATUSES,
} from '../../core/vendors/perfecto/vocabulary';
import { EMULATOR_CREDENTIALS } from '../credentials';
import { type Dataset, firstAtOrBefore, PEOPLE, pick, type Random } from '../dataset';
import type { EmulatorRequest, EmulatorResponse, RouteContext, VendorRoute } from '../types';

/** Refused with "not permitted": a valid token of a user without the Administrator role. */
export const PERFECTO_NON_ADMIN_TOKEN = 'emulator-perfecto-non-admin-token';
/** Refused with "not enabled": a valid token of a tenant where audit search is off. */
export const PERFECTO_DISABLED_TENANT_TOKEN = 'emulator-perfecto-disabled-tenant-token';

const SEARCH_PATH = '/api/v1/audit/search';
const HOUR = 60 * 60 * 1000;
const DEFAULT_SIZE = 1000;
/** Elasticsearch's default result window: the most hits one request can ask for. */
const MAX_SIZE = 10_000;

// The vendor's documented error texts, with the support references its docs show.
const ERRORS = {
  notEnabled: ['Audit search is not enabled for this tenant. Please contact Perfecto administrator to enable audit search logs.', '0d53607ba9ec46c39e1b2657ca83cf90'],
  notPermitted: ['operation for getting audit logs is not permitted for current user', 'e47ee6ea72b3406ea054e7fbe088914b'],
  status: ['Status should be success or failure', '7317780cee0443af842944180832e96c'],
  resourceType: ['Resource type should be one of the resource types. Please refer to the documentation for the complete list.', 'aa2788defb2d4dad8f586863bddc7269'],
  action: ['Action should be one of the allowed actions. Please refer to the documentation for the complete list.', 'aa2788defb2d4dad8f586863bddc7269'],
  description: ['Description should be one of the allowed descriptions. Please refer to the documentation for the complete list.', 'aa2788defb2d4dad8f586863bddc7269'],
  actorType: ["Actor type should be either 'admin' or 'user'", 'aa2788defb2d4dad8f586863bddc7269'],
  timestamp: ['Timestamp should be in ISO8601 format', 'aa2788defb2d4dad8f586863bddc7269'],
} as const;

interface ErrorItem { userMessage: string; developerMessage: string }

function documented(kind: keyof typeof ERRORS): ErrorItem {
  const [userMessage, developerMessage] = ERRORS[kind];
  return { userMessage, developerMessage };
}

/** An error the docs do not show verbatim: same shape, a fresh support reference. */
function undocumented(userMessage: string): ErrorItem {
  return { userMessage, developerMessage: randomBytes(16).toString('hex') };
}

function errors(status: number, items: ErrorItem[]): EmulatorResponse {
  return { status, body: items };
}

// ---- data -------------------------------------------------------------------------

/**
 * One stored audit document, kept compact: 100,000 of them must fit comfortably, so the
 * Elasticsearch hit is only built for the hits a page serves.
 */
interface Entry {
  ms: number;
  id: string;
  status: string;
  item: Template;
  resourceId: string;
  actor: Actor;
  traceId: string;
  /** Which of the sample's two key styles this hit uses. */
  snake: boolean;
  /** Logstash's `@timestamp` trails `timestamp` by up to two seconds. */
  ingestDelayS: number;
  hostname: string;
  changes?: Changes;
}

type Changes = Record<string, { old: unknown; new: unknown }>;

interface Template {
  action: string;
  description: string;
  resourceType: string;
  service: string;
  module: string;
  resource(random: Random): string;
  changes?(random: Random): Changes;
  failure?: boolean;
}

const SETTINGS = [
  'user-plans.license.gold.virtualDevice', 'scriptless-mobile-ide.ai-validations.feedback.email.group',
  'test_1_FS53', 'device-cleanup.after-session', 'reporting.retention.days', 'interactive.session.timeout',
];
const ARTIFACTS = ['test.ipa', 'app-release.apk', 'PRIVATE:checkout-flow.ipa', 'PUBLIC:images/logo.png'];
const DIRECTORIES = ['testDir/subTestDir', 'PRIVATE:regression', 'PUBLIC:shared/apps'];
const SCRIPTS = ['PRIVATE:Demo21.xml', 'PUBLIC:Login.xml', 'PRIVATE:Checkout_smoke.xml'];
const REPOSITORIES = ['PUBLIC:Regression', 'PRIVATE:Nightly', 'GROUP:Mobile-QA'];
const GROUPS = ['Testing_test27_91480', 'Android-Lab', 'iOS-Release-Pool'];
const ROLES = ['Administrator', 'Scriptless Admin', 'Reporting user', 'Device manager'];

const device = (random: Random) => hexText(random, 40).toUpperCase();
const setting = (random: Random) => pick(random, SETTINGS);
const userName = (random: Random) => random() < 0.5 ? `z-automation-Audit_User${Math.floor(random() * 90) + 10}` : pick(random, PEOPLE).email.split('@')[0] as string;
const execution = (random: Random) => {
  const digits = hexText(random, 30);
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-4${digits.slice(12, 15)}-a${digits.slice(15, 18)}-${digits.slice(18)}`;
};
const change = (old: unknown, next: unknown) => ({ old, new: next });
const flag = (random: Random): Changes => {
  const on = random() < 0.5;
  return { value: change(String(!on), String(on)) };
};

function template(action: string, description: string, resourceType: string, module: string, resource: (random: Random) => string, extra: Partial<Template> = {}): Template {
  return { action, description, resourceType, module, service: `${module}-service`, resource, ...extra };
}

const TEMPLATES: readonly Template[] = [
  template('Publish feature setting', 'Publish a new feature setting', 'config', 'feature-settings', setting, {
    changes: (random) => ({
      ...flag(random),
      permissions: change('{readPermissions=[], writePermissions=[rnd_admin]}', '{readPermissions=[], writePermissions=[rnd_admin, conf_admin]}'),
    }),
  }),
  template('Update feature setting', 'Updating a feature setting', 'config', 'feature-settings', setting, { changes: flag }),
  template('Insert feature setting', 'Inserting a new feature setting', 'config', 'feature-settings', setting, { changes: (random) => ({ value: change(null, String(random() < 0.5)) }) }),
  template('Delete feature setting', 'Deleting a feature setting', 'config', 'feature-settings', setting),
  template('Update system setting', 'Updating a system setting', 'config', 'system-settings', setting, {
    changes: () => ({ value: change('ai-perfecto-feedback@perforce.com', 'perfecto.noreply@perforce.com') }),
  }),
  template('Insert system setting', 'Inserting a new system setting', 'config', 'system-settings', setting),
  template('Open device', 'Opening a device', 'device', 'device-manager', device),
  template('Close device', 'Closing a device', 'device', 'device-manager', device),
  template('Release device', 'Releasing a device', 'device', 'device-manager', device),
  template('Connect device', 'Connecting a device', 'device', 'device-manager', device),
  template('Disconnect device', 'Disconnecting a device', 'device', 'device-manager', device),
  template('Delete device', 'Deleting a device', 'device', 'device-manager', device),
  template('Update device', 'Updating a device', 'device', 'device-manager', device, {
    changes: (random) => ({ description: change('Lab shelf B', `Lab shelf ${pick(random, ['C', 'D', 'E'])}`) }),
  }),
  template('Create device group', 'Creating a new device group', 'device', 'device-groups', (random) => pick(random, GROUPS)),
  template('Update device group', 'Updating a device group details', 'device', 'device-groups', (random) => pick(random, GROUPS), {
    changes: (random) => ({ devices: change(Math.floor(random() * 10), Math.floor(random() * 10) + 10) }),
  }),
  template('Add devices to group', 'Adding new devices to group', 'device', 'device-groups', (random) => pick(random, GROUPS)),
  template('Test Execution', 'Executing a test', 'execution', 'executions', execution),
  template('Upload artifact', 'Uploading a artifact', 'artifact', 'repository', (random) => pick(random, ARTIFACTS)),
  template('Move artifact', 'Moving a artifact', 'artifact', 'repository', (random) => pick(random, ARTIFACTS), {
    changes: (random) => ({ path: change('PRIVATE:incoming', pick(random, DIRECTORIES)) }),
  }),
  template('Delete artifact', 'Deleting a artifact', 'artifact', 'repository', (random) => pick(random, ARTIFACTS)),
  template('Add directory', 'Adding a directory', 'directory', 'repository', (random) => pick(random, DIRECTORIES)),
  template('Rename directory', 'Renaming a directory', 'directory', 'repository', (random) => pick(random, DIRECTORIES), {
    changes: () => ({ name: change('subTestDir', 'subTestDir-old') }),
  }),
  template('Save or update script', 'Saving or updating a script', 'Script', 'scriptless', (random) => pick(random, SCRIPTS)),
  template('Create Repository', 'Creating a new Repository', 'Repository', 'repository', (random) => pick(random, REPOSITORIES)),
  template('Create User', 'Creating a new user', 'user', 'user-management', userName),
  template('Update User', 'Updating a user details', 'user', 'user-management', userName, {
    changes: (random) => {
      const from = Math.floor(random() * ROLES.length);
      const to = (from + 1 + Math.floor(random() * (ROLES.length - 1))) % ROLES.length; // never the same role
      return { role: change(ROLES[from] as string, ROLES[to] as string), phone: change(null, '+1 555 0100') };
    },
  }),
  template('Delete User', 'Deleting a user', 'user', 'user-management', userName),
  template('Add user role', 'Adding a new user role', 'user', 'user-management', userName, {
    changes: (random) => ({ roles: change('[User]', `[User, ${pick(random, ROLES)}]`) }),
  }),
  template('Update User group', 'Updating a user group details', 'user', 'user-management', (random) => pick(random, GROUPS)),
  template('LOGIN', 'User logged in', 'user', 'authentication', userName),
  template('LOGOUT', 'User logged out', 'user', 'authentication', userName),
  template('LOGIN_ERROR', 'User login failed', 'user', 'authentication', userName, { failure: true }),
  template('GENERATE_SECURITY_TOKEN', 'User generated security token', 'user', 'authentication', userName),
  template('USE_SECURITY_TOKEN_ERROR', 'User failed to use security token', 'user', 'authentication', userName, { failure: true }),
];

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const HEX = '0123456789abcdef';

/**
 * Random text from `alphabet`, built in one piece: strings grown a character at a time
 * stay chains of fragments in V8, which multiplies the memory of 100,000 records.
 */
function randomText(random: Random, length: number, alphabet: string): string {
  const codes: number[] = [];
  for (let i = 0; i < length; i++) codes.push(alphabet.charCodeAt(Math.floor(random() * alphabet.length)));
  return String.fromCharCode(...codes);
}

/** An Elasticsearch-style auto id: 20 URL-safe characters. */
const documentId = (random: Random) => randomText(random, 20, ID_ALPHABET);
const hexText = (random: Random, length: number) => randomText(random, length, HEX);

interface Actor { id: string; type: string }

const PEOPLE_ACTORS: readonly Actor[] = PEOPLE.map((person) => ({ id: person.email, type: person.role }));
const OFFLINE_JOB: Actor = { id: 'offline_job', type: 'user' };
const TRACE_TEMPLATES = TEMPLATES.filter((item) => item.resourceType === 'user' && !item.failure);
const TAGS = Object.freeze(['tail.0']);
/** A few containers, like the sample's `hostname` values. */
const HOSTNAMES = ['7f78f374eedc', '2477096963f1', '9c1e0b7d55a2', '41d6f0e83b17'];

function randomActor(random: Random, item: Template): Actor {
  if (item.resourceType === 'config' && random() < 0.4) return OFFLINE_JOB;
  return pick(random, PEOPLE_ACTORS);
}

function makeEntry(random: Random, item: Template, ms: number, actor: Actor, traceId: string): Entry {
  return {
    ms,
    id: documentId(random),
    status: item.failure || random() < 0.04 ? 'FAILURE' : 'SUCCESS',
    item,
    resourceId: item.resource(random),
    actor,
    traceId,
    snake: random() < 0.5,
    ingestDelayS: Math.floor(random() * 3),
    hostname: pick(random, HOSTNAMES),
    changes: item.changes?.(random),
  };
}

/** The sample's two key styles: one hit camelCase, the next snake_case, in one response. */
const CAMEL = { resourceId: 'resourceId', actorType: 'actorType', actorId: 'actorId', resourceType: 'resourceType' };
const SNAKE = { resourceId: 'resource_id', actorType: 'actor_type', actorId: 'actor_id', resourceType: 'resource_type' };

/** The hit as the vendor sends it, keys in the sample's order. */
function toHit(entry: Entry): Record<string, unknown> {
  const { item, actor } = entry;
  const keys = entry.snake ? SNAKE : CAMEL;
  const source: Record<string, unknown> = {};
  source['status'] = entry.status;
  source['service'] = item.service;
  source['timestamp'] = new Date(entry.ms).toISOString();
  source[keys.resourceId] = entry.resourceId;
  source[keys.actorType] = actor.type;
  source['@timestamp'] = new Date((Math.floor(entry.ms / 1000) + entry.ingestDelayS) * 1000).toISOString();
  source['@version'] = '1';
  source['region'] = '01';
  source['description'] = item.description;
  source['action'] = item.action;
  source[keys.actorId] = actor.id;
  source[keys.resourceType] = item.resourceType;
  source['tags'] = TAGS;
  source['trace_id'] = entry.traceId;
  source['custom_fields'] = { name: entry.resourceId };
  source['hostname'] = entry.hostname;
  source['tenant_id'] = 'demo';
  source['module'] = item.module;
  if (entry.changes) source['changes'] = entry.changes;
  source['product_name'] = 'perfecto';
  return { _index: 'perfecto-000058', _id: entry.id, _score: null, _source: source, sort: [entry.ms] };
}

/** Newest first; the shared cross-vendor traces sit at their shared times. */
function generate(dataset: Dataset): Entry[] {
  const random = dataset.random('perfecto');
  const count = dataset.counts.perfecto;
  const entries: Entry[] = [];
  for (const trace of dataset.sharedTraces) {
    if (entries.length >= count || trace.timeMs < dataset.fromMs || trace.timeMs > dataset.toMs) continue;
    const actor = PEOPLE_ACTORS[PEOPLE.indexOf(trace.actor)] ?? { id: trace.actor.email, type: trace.actor.role };
    entries.push(makeEntry(random, pick(random, TRACE_TEMPLATES), trace.timeMs, actor, trace.traceId));
  }
  while (entries.length < count) {
    const item = pick(random, TEMPLATES);
    entries.push(makeEntry(random, item, dataset.time(random), randomActor(random, item), hexText(random, 32)));
  }
  return entries.sort((a, b) => b.ms - a.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// ---- search -----------------------------------------------------------------------

interface Search {
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

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

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
  const ms = Date.parse(value);
  if (!ISO_8601.test(value) || Number.isNaN(ms)) {
    if (!problems.some((item) => item.userMessage === ERRORS.timestamp[0])) problems.push(documented('timestamp'));
    return undefined;
  }
  return ms;
}

function nonNegativeInteger(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 0 ? number : undefined;
}

function parseSearch(body: Record<string, unknown>): Search | ErrorItem[] {
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
const matchCache = new WeakMap<readonly Entry[], Map<string, Entry[]>>();
const CACHED_SEARCHES = 32;

function matching(entries: readonly Entry[], search: Search): Entry[] {
  let cache = matchCache.get(entries);
  if (!cache) matchCache.set(entries, (cache = new Map()));
  const { page: _page, size: _size, ...filters } = search;
  const key = JSON.stringify(filters);
  let found = cache.get(key);
  if (!found) {
    found = entries.filter((entry) => matches(entry, search));
    if (cache.size >= CACHED_SEARCHES) cache.delete(cache.keys().next().value as string);
    cache.set(key, found);
  }
  return found;
}


function runSearch(request: EmulatorRequest, context: RouteContext): EmulatorResponse {
  const body = request.body === undefined ? {} : request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return errors(400, [undocumented('The request body should be a JSON object')]);
  }
  const parsed = parseSearch(body as Record<string, unknown>);
  if (Array.isArray(parsed)) return errors(400, parsed);
  const entries = context.dataset.records('perfecto', generate);
  const found = matching(entries, parsed);
  // Perfecto's audit data lags one hour behind real time.
  const visible = found.slice(firstAtOrBefore(found, context.now() - HOUR, (entry) => entry.ms));
  const start = (parsed.page - 1) * parsed.size;
  const hits = visible.slice(start, start + parsed.size).map(toHit);
  return {
    status: 200,
    body: {
      took: 2 + Math.floor(hits.length / 100),
      timed_out: false,
      _shards: { total: 4, successful: 4, skipped: 2, failed: 0 },
      hits: { total: { value: visible.length, relation: 'eq' }, max_score: null, hits },
      status: 200,
    },
  };
}

export const perfectoRoute: VendorRoute = {
  vendor: 'perfecto',
  handle(request: EmulatorRequest, context: RouteContext): EmulatorResponse {
    if (request.path !== SEARCH_PATH) return errors(404, [undocumented(`No such endpoint: ${request.path}. Audit search is POST ${SEARCH_PATH}`)]);
    if (request.method !== 'POST') return errors(405, [undocumented(`Method ${request.method} is not allowed: use POST`)]);
    const token = request.headers['perfecto-authorization'];
    if (token === PERFECTO_NON_ADMIN_TOKEN) return errors(403, [documented('notPermitted')]);
    if (token === PERFECTO_DISABLED_TENANT_TOKEN) return errors(403, [documented('notEnabled')]);
    if (token !== EMULATOR_CREDENTIALS.perfecto.token) {
      return errors(401, [undocumented('Security token is missing, invalid or expired. Generate a new security token and try again.')]);
    }
    return runSearch(request, context);
  },
};
