import { EMULATOR_CREDENTIALS } from '../credentials';
import { firstAtOrBefore, hex, pick, PEOPLE, type Dataset, type Random } from '../dataset';
import { rateWindowPer } from '../rateWindow';
import type { EmulatorRequest, EmulatorResponse, RouteContext, VendorRoute } from '../types';

/** Descope's `POST /v1/mgmt/audit/search`, with its 10-a-minute budget and 30-day reach. */

const SEARCH_PATH = '/v1/mgmt/audit/search';
const MAX_BATCH = 1000;
const REACH_MS = 30 * 24 * 60 * 60 * 1000;
const PROJECT_ID = EMULATOR_CREDENTIALS.descope.token.split(':')[0] as string;
const budgetOf = rateWindowPer<Dataset>(10, 60_000);

export interface DescopeAudit {
  ID: string;
  projectId: string;
  userId?: string;
  action: string;
  occurred: string;
  device?: string;
  method?: string;
  geo?: string;
  remoteAddress?: string;
  externalIds?: string[];
  tenants?: string[];
  data: Record<string, unknown>;
  type: string;
  actorId: string;
}

/** A record with its time as a number, for the range search. */
export interface StoredAudit {
  ms: number;
  audit: DescopeAudit;
}

export const descopeRoute: VendorRoute = {
  vendor: 'descope',
  handle(request, context) {
    if (request.path !== SEARCH_PATH) return error(404, 'E011001', 'Not found', `No route for ${request.path}`);
    if (request.method !== 'POST') return error(405, 'E011001', 'Method not allowed', `${request.method} is not supported; use POST`);
    const token = bearer(request);
    if (token !== EMULATOR_CREDENTIALS.descope.token) {
      return error(401, 'E011003', 'Unauthorized', 'Invalid project id or management key');
    }
    if (context.rateLimits) {
      const waitMs = budgetOf(context.dataset).take(PROJECT_ID, context.now());
      if (waitMs > 0) {
        return {
          ...error(429, 'E130429', 'https://docs.descope.com/rate-limit', 'API rate limit exceeded.'),
          headers: { 'retry-after': String(Math.ceil(waitMs / 1000)) },
        };
      }
    }
    return search(request.body, context);
  },
};

function search(body: unknown, context: RouteContext): EmulatorResponse {
  if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
    return invalid('The request body must be a JSON object');
  }
  const options = (body ?? {}) as Record<string, unknown>;
  const now = context.now();
  const from = timeOption(options.from, now - REACH_MS);
  const to = timeOption(options.to, now);
  if (from === undefined) return invalid('"from" must be epoch milliseconds');
  if (to === undefined) return invalid('"to" must be epoch milliseconds');
  if (from > to) return invalid('"from" must not be later than "to"');
  const page = intOption(options.page, 0);
  const batchSize = intOption(options.batchSize ?? options.limit, 0);
  if (page === undefined || page < 0) return invalid('"page" must be a non-negative integer');
  if (batchSize === undefined || batchSize < 0) return invalid('"batchSize" must be a non-negative integer');
  const size = batchSize === 0 ? MAX_BATCH : Math.min(batchSize, MAX_BATCH);

  const records = context.dataset.records('descope', generate);
  // Searches reach back 30 days at most: an older `from` is narrowed, not refused.
  const inRange = sliceByTime(records, Math.max(from, now - REACH_MS), to);
  const matches = matcher(options);
  const selected = matches ? inRange.filter((stored) => matches(stored.audit)) : inRange;
  const audits = selected.slice(page * size, page * size + size).map((stored) => stored.audit);
  return { status: 200, body: { audits, total: selected.length } };
}

function bearer(request: EmulatorRequest): string | undefined {
  const header = request.headers.authorization;
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

/** Epoch ms as a number or numeric string (the SDK sends numbers, the reference says string); ISO also works. */
function timeOption(value: unknown, fallback: number): number | undefined {
  if (value === undefined || value === null || value === 0 || value === '') return fallback;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

function intOption(value: unknown, fallback: number): number | undefined {
  if (value === undefined || value === null) return fallback;
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** Records are newest first: two binary searches find the [from, to] slice. */
function sliceByTime(records: readonly StoredAudit[], from: number, to: number): readonly StoredAudit[] {
  const timeOf = (record: StoredAudit): number => record.ms;
  return records.slice(firstAtOrBefore(records, to, timeOf), firstAtOrBefore(records, from - 1, timeOf));
}

/** Descope's list filters: exact, case-sensitive membership. Null when none is set. */
function matcher(options: Record<string, unknown>): ((audit: DescopeAudit) => boolean) | null {
  const list = (key: string): string[] | null => {
    const value = options[key];
    return Array.isArray(value) && value.length > 0 ? value.filter((item): item is string => typeof item === 'string') : null;
  };
  const userIds = list('userIds');
  const actorIds = list('actorIds');
  const actions = list('actions');
  const excluded = list('excludedActions');
  const devices = list('devices');
  const methods = list('methods');
  const geos = list('geos');
  const addresses = list('remoteAddresses');
  const loginIds = list('externalIds') ?? list('loginIds');
  const tenants = list('tenants');
  const noTenants = options.noTenants === true;
  const text = typeof options.text === 'string' && options.text !== '' ? options.text.toLowerCase() : null;
  const checks: ((audit: DescopeAudit) => boolean)[] = [];
  const member = (values: string[] | null, read: (audit: DescopeAudit) => string | undefined): void => {
    if (values) checks.push((audit) => values.includes(read(audit) ?? ''));
  };
  member(userIds, (audit) => audit.userId);
  member(actorIds, (audit) => audit.actorId);
  member(actions, (audit) => audit.action);
  member(devices, (audit) => audit.device);
  member(methods, (audit) => audit.method);
  member(geos, (audit) => audit.geo);
  member(addresses, (audit) => audit.remoteAddress);
  if (excluded) checks.push((audit) => !excluded.includes(audit.action));
  if (loginIds) checks.push((audit) => (audit.externalIds ?? []).some((id) => loginIds.includes(id)));
  if (tenants) {
    checks.push((audit) => (noTenants && !audit.tenants?.length) || (audit.tenants ?? []).some((id) => tenants.includes(id)));
  }
  if (text) checks.push((audit) => JSON.stringify(audit).toLowerCase().includes(text));
  return checks.length === 0 ? null : (audit) => checks.every((check) => check(audit));
}

function error(status: number, errorCode: string, errorDescription: string, errorMessage: string): EmulatorResponse {
  return { status, body: { errorCode, errorDescription, errorMessage, message: errorMessage } };
}

function invalid(message: string): EmulatorResponse {
  return error(400, 'E011003', 'Request is invalid', message);
}

// ---- demo data ----------------------------------------------------------------------

interface EndUser {
  userId: string;
  loginId: string;
  name: string;
}

const FIRST = ['olivia', 'liam', 'noa', 'mateo', 'emma', 'yusuf', 'aiko', 'lucas', 'sofia', 'arjun', 'mia', 'omar'];
const LAST = ['garcia', 'muller', 'cohen', 'tanaka', 'silva', 'khan'];
const GEOS: readonly { geo: string; prefix: string }[] = [
  { geo: 'US', prefix: '203.0.113.' }, { geo: 'DE', prefix: '198.51.100.' }, { geo: 'IL', prefix: '192.0.2.' },
  { geo: 'IN', prefix: '203.0.113.' }, { geo: 'GB', prefix: '198.51.100.' },
];
const DEVICES = ['Desktop', 'Desktop', 'Mobile', 'Tablet', 'Bot', 'Unknown'];
const METHODS = ['otp', 'magiclink', 'password', 'oauth', 'saml', 'totp'];
const TENANTS = ['T2acmeCorpTenant0000000001', 'T2globexTenant000000000002', 'T2initechTenant00000000003'];
const ROLES = ['Tenant Admin', 'viewer', 'editor', 'billing'];
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function descopeId(random: Random, prefix: string): string {
  let out = prefix;
  for (let i = 0; i < 27; i++) out += BASE62[Math.floor(random() * 62)];
  return out;
}

function endUsers(random: Random): EndUser[] {
  const users: EndUser[] = [];
  for (const first of FIRST) {
    for (const last of LAST) {
      users.push({ userId: descopeId(random, 'U2'), loginId: `${first}.${last}@customer.example`, name: `${cap(first)} ${cap(last)}` });
    }
  }
  return users;
}

function cap(word: string): string {
  return word[0]?.toUpperCase() + word.slice(1);
}

type Shape = Pick<DescopeAudit, 'action' | 'type' | 'actorId' | 'data'> & { auth: boolean };

/** What happened: sign-ins by the project's users, or management changes by its admins. */
function shapeOf(random: Random, user: EndUser): Shape {
  const roll = random();
  const admin = pick(random, PEOPLE).email;
  if (roll < 0.45) return { auth: true, action: 'LoginSucceed', type: 'info', actorId: user.loginId, data: {} };
  if (roll < 0.55) return { auth: true, action: 'LoginFailed', type: 'warn', actorId: user.loginId, data: {} };
  if (roll < 0.62) return { auth: true, action: 'SignUpSucceed', type: 'info', actorId: user.loginId, data: { email: user.loginId } };
  if (roll < 0.68) return { auth: true, action: 'LogoutSucceed', type: 'info', actorId: user.loginId, data: {} };
  if (roll < 0.76) {
    return { auth: false, action: 'UserCreated', type: 'info', actorId: admin, data: { email: user.loginId, name: user.name, roleNames: [pick(random, ROLES)] } };
  }
  if (roll < 0.86) {
    const data = random() < 0.5 ? { name: `${user.name} ${pick(random, ['Jr.', 'II', ''])}`.trim() } : { phone: `+1555${String(Math.floor(random() * 1e7)).padStart(7, '0')}` };
    return { auth: false, action: 'UserModified', type: 'info', actorId: admin, data };
  }
  if (roll < 0.92) return { auth: false, action: 'UserRolesUpdated', type: 'info', actorId: admin, data: { roleNames: [pick(random, ROLES), pick(random, ROLES)] } };
  if (roll < 0.96) return { auth: false, action: 'UserStatusChanged', type: 'info', actorId: admin, data: { status: pick(random, ['disabled', 'enabled']) } };
  return { auth: false, action: 'UserDeleted', type: 'warn', actorId: admin, data: {} };
}

/** Fast enough for benchmarks: one pass, a few PRNG calls per record, one numeric sort. */
export function generate(dataset: Dataset): StoredAudit[] {
  const random = dataset.random('descope');
  const users = endUsers(random);
  const count = dataset.counts.descope;
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) times[i] = dataset.time(random);
  times.sort().reverse();
  const stored: StoredAudit[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const ms = times[i] as number;
    const user = pick(random, users);
    const shape = shapeOf(random, user);
    const place = pick(random, GEOS);
    const tenant = random() < 0.6 ? [pick(random, TENANTS)] : undefined;
    const audit: DescopeAudit = {
      ID: `${ms.toString(16)}${i.toString(16).padStart(6, '0')}${hex(random, 6)}`,
      projectId: PROJECT_ID,
      userId: user.userId,
      action: shape.action,
      occurred: String(ms),
      externalIds: [user.loginId],
      data: shape.data,
      type: shape.type,
      actorId: shape.actorId,
    };
    if (tenant) audit.tenants = tenant;
    if (shape.auth) {
      audit.device = pick(random, DEVICES);
      audit.method = pick(random, METHODS);
      audit.geo = place.geo;
      audit.remoteAddress = place.prefix + (1 + Math.floor(random() * 253));
    }
    stored[i] = { ms, audit };
  }
  return stored;
}
