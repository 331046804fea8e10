import { createHmac, timingSafeEqual } from 'node:crypto';
import { EMULATOR_CREDENTIALS, EMULATOR_SURFSIGHT_LOGIN } from '../credentials';
import { hex, pick, PEOPLE, type Dataset, type Person, type Random } from '../dataset';
import type { EmulatorRequest, EmulatorResponse, RouteContext, VendorRoute } from '../types';

/*
 * Surfsight `GET /v2/audit-logs` and `POST /v2/authenticate`.
 * Errors answer `{ statusCode, error, message }` (the adapter reads `message`).
 * A page above TIMEOUT_RECORDS stands for Surfsight's documented 30-second timeout.
 */

const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Signs emulator login tokens so they need no server-side state. Public on purpose: fake. */
const TOKEN_KEY = 'audit-lens-emulator-surfsight-tokens';
const TIMEOUT_RECORDS = 5000;
const POSITIVE = /^[1-9]\d*$/;
const USER_TYPES = ['user', 'partnerContact'];
const ENTITY_TYPES = ['user', 'reseller', 'device', 'organization'];

interface Partner { id: number; name: string }
interface Org { id: number; name: string; partner: Partner }
interface Actor { person: Person; userId: number; userType: 'user' | 'partnerContact'; org: Org | null; partner: Partner }

const PARTNERS: readonly Partner[] = [
  { id: 62, name: 'Northwind Telematics' },
  { id: 75, name: 'Blue Ridge Fleet Solutions' },
];
const ORGS: readonly Org[] = [
  { id: 17, name: 'Acme Logistics', partner: PARTNERS[0] as Partner },
  { id: 23, name: 'Harbor Freight Lines', partner: PARTNERS[0] as Partner },
  { id: 41, name: 'Summit Transit', partner: PARTNERS[1] as Partner },
];

/** Surfsight ids are numeric; the partner contact 32 shares its id with user 32 on purpose (the docs warn of it). */
const ACTOR_SETUP: ReadonlyArray<Omit<Actor, 'person'>> = [
  { userId: 32, userType: 'user', org: ORGS[0] as Org, partner: PARTNERS[0] as Partner },
  { userId: 38, userType: 'user', org: ORGS[1] as Org, partner: PARTNERS[0] as Partner },
  { userId: 51, userType: 'user', org: ORGS[0] as Org, partner: PARTNERS[0] as Partner },
  { userId: 57, userType: 'user', org: ORGS[2] as Org, partner: PARTNERS[1] as Partner },
  { userId: 32, userType: 'partnerContact', org: null, partner: PARTNERS[0] as Partner },
  { userId: 9, userType: 'partnerContact', org: null, partner: PARTNERS[1] as Partner },
];
const ACTORS: readonly Actor[] = PEOPLE.map((person, i) => ({ person, ...(ACTOR_SETUP[i % ACTOR_SETUP.length] as Omit<Actor, 'person'>) }));

/** What the wire record does not show but the filters need. */
interface Entry {
  timeMs: number;
  record: Record<string, unknown>;
  userType: string;
  actorOrgId: string | null;
  actorPartnerId: string;
  entityOrgId: string | null;
  entityPartnerId: string;
}

interface Change {
  entity: 'device' | 'user' | 'organization' | 'reseller';
  message: string;
  method: string;
  endpoint: string;
  entityId: string;
  imei: string | null;
  previous: unknown;
  value: unknown;
}

function imeiOf(org: Org, random: Random): string {
  return `35766010${String(org.id).padStart(2, '0')}${String(Math.floor(random() * 12)).padStart(5, '0')}`;
}

/** How Surfsight stores values: JSON in a string, except plain-text values, which stay as they are. */
const encode = (value: unknown): string | null =>
  value === null ? null : typeof value === 'string' ? value : JSON.stringify(value);

/** One realistic change made by `actor` inside `org` (or to the actor's partner). */
function changeFor(actor: Actor, org: Org, random: Random): Change {
  const kind = Math.floor(random() * (actor.userType === 'partnerContact' ? 10 : 9));
  const imei = imeiOf(org, random);
  const device = (message: string, method: string, endpoint: string, previous: unknown, value: unknown): Change =>
    ({ entity: 'device', message, method, endpoint: endpoint.replace('{imei}', imei), entityId: imei, imei, previous, value });
  const targetUser = String(100 + Math.floor(random() * 60));
  const roles = ['administrator', 'supervisor', 'restricted', 'installer'];
  switch (kind) {
    case 0: {
      const before = { speedUnits: 'mph', audioAlarmsEnabled: random() < 0.5, livePreview: true, cameraMode: 'road' };
      const after = { ...before, audioAlarmsEnabled: !before.audioAlarmsEnabled, cameraMode: pick(random, ['road', 'road+cabin']) };
      return device('Device settings updated', 'PUT', '/v2/devices/{imei}/device-config', before, after);
    }
    case 1:
      return device('Device renamed', 'PATCH', '/v2/devices/{imei}', { name: `Truck ${Math.floor(random() * 90) + 10}` }, { name: `Truck ${Math.floor(random() * 90) + 10}` });
    case 2:
      return device('Device added to organization', 'POST', `/v2/organizations/${org.id}/devices`, null, { imei, name: `Van ${Math.floor(random() * 50) + 1}`, groupId: Math.floor(random() * 9) + 1 });
    case 3:
      return device('Device removed from organization', 'DELETE', `/v2/organizations/${org.id}/devices/{imei}`, { imei, name: `Van ${Math.floor(random() * 50) + 1}` }, null);
    case 4:
      // Stored as plain text by the vendor, not JSON: the adapter must keep it as a string.
      return device('Device firmware update requested', 'POST', '/v2/devices/{imei}/firmware-update', `ROUTER-5.1.${Math.floor(random() * 9)}`, `ROUTER-5.2.${Math.floor(random() * 9)}`);
    case 5:
      return { entity: 'user', message: 'User created', method: 'POST', endpoint: `/v2/organizations/${org.id}/users`, entityId: targetUser, imei: null, previous: null, value: { email: `driver${targetUser}@example.com`, role: pick(random, roles) } };
    case 6: {
      const before = pick(random, roles);
      const after = pick(random, roles.filter((role) => role !== before));
      return { entity: 'user', message: 'User role changed', method: 'PATCH', endpoint: `/v2/organizations/${org.id}/users/${targetUser}`, entityId: targetUser, imei: null, previous: { role: before }, value: { role: after } };
    }
    case 7:
      return { entity: 'user', message: 'User deleted', method: 'DELETE', endpoint: `/v2/organizations/${org.id}/users/${targetUser}`, entityId: targetUser, imei: null, previous: { email: `driver${targetUser}@example.com`, role: pick(random, roles) }, value: null };
    case 8: {
      const before = { dataRetentionDays: pick(random, [30, 60, 90]), timezone: 'America/Chicago', speedLimitKph: 105 };
      return { entity: 'organization', message: 'Organization settings updated', method: 'PATCH', endpoint: `/v2/organizations/${org.id}`, entityId: String(org.id), imei: null, previous: before, value: { ...before, dataRetentionDays: before.dataRetentionDays === 90 ? 30 : before.dataRetentionDays + 30 } };
    }
    default:
      return { entity: 'reseller', message: 'Partner details updated', method: 'PATCH', endpoint: `/v2/partners/${actor.partner.id}`, entityId: String(actor.partner.id), imei: null, previous: { supportEmail: 'support@example.com' }, value: { supportEmail: `fleet-support${Math.floor(random() * 9)}@example.com` } };
  }
}

const REASONS = ['Requested by fleet manager', 'Vehicle reassigned', 'Scheduled maintenance', 'Customer ticket'];

function uuid(random: Random): string {
  return `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-${hex(random, 12)}`;
}

function entry(actor: Actor, timeMs: number, requestId: string, random: Random): Entry {
  const org = actor.org ?? pick(random, ORGS.filter((candidate) => candidate.partner.id === actor.partner.id));
  const change = changeFor(actor, org, random);
  const entityOrg = change.entity === 'reseller' ? null : org;
  const source = actor.userType === 'partnerContact' ? 'partnerPortal' : pick(random, ['api', 'fleetApp', 'fleetApp']);
  const record: Record<string, unknown> = {
    id: 0, // numbered once sorted, newest highest
    message: change.message,
    reason: random() < 0.25 ? pick(random, REASONS) : null,
    createdAt: new Date(timeMs).toISOString(),
    value: encode(change.value),
    previousValue: encode(change.previous),
    organizationId: entityOrg?.id ?? null,
    organizationName: entityOrg?.name ?? null,
    partnerId: actor.partner.id,
    partnerName: actor.partner.name,
    userId: actor.userId,
    userName: actor.person.email,
    imei: change.imei,
    entityId: change.entityId,
    entityTpe: change.entity,
    source,
    method: change.method,
    endpoint: change.endpoint,
    queryParams: '{}',
    requestId,
  };
  return {
    timeMs, record, userType: actor.userType,
    actorOrgId: actor.org ? String(actor.org.id) : null,
    actorPartnerId: String(actor.partner.id),
    entityOrgId: entityOrg ? String(entityOrg.id) : null,
    entityPartnerId: String(entityOrg?.partner.id ?? actor.partner.id),
  };
}

function generate(dataset: Dataset): Entry[] {
  const random = dataset.random('surfsight');
  const count = dataset.counts.surfsight;
  const entries: Entry[] = [];
  for (const trace of dataset.sharedTraces.slice(0, count)) {
    const actor = ACTORS.find((candidate) => candidate.person.id === trace.actor.id) ?? (ACTORS[0] as Actor);
    entries.push(entry(actor, trace.timeMs, trace.traceId, random));
  }
  while (entries.length < count) entries.push(entry(pick(random, ACTORS), dataset.time(random), uuid(random), random));
  entries.sort((a, b) => b.timeMs - a.timeMs);
  entries.forEach((item, i) => { item.record.id = 1_000_000 + entries.length - i; });
  return entries;
}

function fail(status: number, error: string, message: string): EmulatorResponse {
  return { status, body: { statusCode: status, error, message } };
}
const badRequest = (message: string) => fail(400, 'Bad Request', message);

function sign(expiresAt: number): string {
  return createHmac('sha256', TOKEN_KEY).update(String(expiresAt)).digest('base64url');
}

function issueToken(now: number): string {
  const expiresAt = now + TOKEN_LIFETIME_MS;
  return `${expiresAt.toString(36)}-${sign(expiresAt)}`;
}

function tokenValid(token: string, now: number): boolean {
  if (token === EMULATOR_CREDENTIALS.surfsight.token) return true;
  const match = /^([0-9a-z]+)-([\w-]+)$/.exec(token);
  if (!match) return false;
  const expiresAt = parseInt(match[1] as string, 36);
  const given = Buffer.from(match[2] as string);
  const expected = Buffer.from(sign(expiresAt));
  return given.length === expected.length && timingSafeEqual(given, expected) && now < expiresAt;
}

function authenticate(request: EmulatorRequest, context: RouteContext): EmulatorResponse {
  const body = (request.body ?? {}) as Record<string, unknown>;
  for (const field of ['email', 'password']) {
    if (typeof body[field] !== 'string' || body[field] === '') return badRequest(`"${field}" is required`);
  }
  if (body.email !== EMULATOR_SURFSIGHT_LOGIN.email || body.password !== EMULATOR_SURFSIGHT_LOGIN.password) {
    return fail(401, 'Unauthorized', 'Invalid email or password');
  }
  return { status: 200, body: { data: { token: issueToken(context.now()) } } };
}

/** Index of the first entry (newest first) whose time is at or below `ms`. */
function firstAtOrBefore(entries: readonly Entry[], ms: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((entries[mid] as Entry).timeMs > ms) low = mid + 1;
    else high = mid;
  }
  return low;
}

type Matcher = (item: Entry) => boolean;

/** The documented filters; each returns an error message for a value the vendor rejects. */
function matchers(query: URLSearchParams): Matcher[] | string {
  const result: Matcher[] = [];
  const equals = (name: string, read: (item: Entry) => unknown, pattern?: RegExp, allowed?: string[]): string | undefined => {
    const value = query.get(name);
    if (value === null) return undefined;
    if (pattern && !pattern.test(value)) return `"${name}" with value "${value}" fails to match the required pattern: ${pattern}`;
    if (allowed && !allowed.includes(value)) return `"${name}" must be one of [${allowed.join(', ')}]`;
    result.push((item) => { const v = read(item); return v !== null && v !== undefined && String(v) === value; });
    return undefined;
  };
  const problem =
    equals('userId', (item) => item.record.userId) ??
    equals('partnerId', (item) => item.actorPartnerId) ??
    equals('userType', (item) => item.userType, undefined, USER_TYPES) ??
    equals('orgId', (item) => item.actorOrgId, POSITIVE) ??
    equals('imei', (item) => item.record.imei) ??
    equals('entityId', (item) => item.record.entityId) ??
    equals('entityType', (item) => item.record.entityTpe, undefined, ENTITY_TYPES) ??
    equals('entityOrganizationId', (item) => item.entityOrgId, POSITIVE) ??
    equals('entityPartnerId', (item) => item.entityPartnerId);
  return problem ?? result;
}

function dateParam(query: URLSearchParams, name: string): number | string {
  const value = query.get(name);
  if (value === null || value === '') return `"${name}" is required`;
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? `"${name}" must be a valid ISO 8601 date` : ms;
}

function auditLogs(request: EmulatorRequest, context: RouteContext): EmulatorResponse {
  const start = dateParam(request.query, 'start');
  if (typeof start === 'string') return badRequest(start);
  const end = dateParam(request.query, 'end');
  if (typeof end === 'string') return badRequest(end);
  if (end < start) return badRequest('"end" must be greater than or equal to "start"');
  const paging: Record<string, number> = { limit: 0, offset: 0 };
  for (const name of ['limit', 'offset']) {
    const value = request.query.get(name);
    if (value === null) continue;
    if (!POSITIVE.test(value)) return badRequest(`"${name}" with value "${value}" fails to match the required pattern: ${POSITIVE}`);
    paging[name] = Number(value);
  }
  const orgId = request.query.get('orgId');
  if (orgId !== null && POSITIVE.test(orgId) && !ORGS.some((org) => String(org.id) === orgId)) {
    return fail(403, 'Forbidden', `You are not allowed to access organization ${orgId}`);
  }
  const filters = matchers(request.query);
  if (typeof filters === 'string') return badRequest(filters);

  const entries = context.dataset.records('surfsight', generate);
  const inRange = entries.slice(firstAtOrBefore(entries, end), firstAtOrBefore(entries, start - 1));
  const matching = filters.length === 0 ? inRange : inRange.filter((item) => filters.every((match) => match(item)));
  const { limit = 0, offset = 0 } = paging;
  // No limit (the vendor's default "0") means everything after the offset.
  const page = matching.slice(offset, limit > 0 ? offset + limit : undefined);
  if (page.length > TIMEOUT_RECORDS) return { status: 504, body: { message: 'Endpoint request timed out' } };
  return { status: 200, body: { data: page.map((item) => item.record), metadata: { count: matching.length, limit, offset } } };
}

export const surfsightRoute: VendorRoute = {
  vendor: 'surfsight',
  handle(request, context) {
    if (request.method === 'POST' && request.path === '/v2/authenticate') return authenticate(request, context);
    if (request.method !== 'GET' || request.path !== '/v2/audit-logs') return fail(404, 'Not Found', 'Not Found');
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? /^Bearer (\S+)$/.exec(header)?.[1] : undefined;
    if (!token) return fail(401, 'Unauthorized', 'Missing authentication token');
    if (!tokenValid(token, context.now())) return fail(401, 'Unauthorized', 'Invalid or expired token');
    return auditLogs(request, context);
  },
};
