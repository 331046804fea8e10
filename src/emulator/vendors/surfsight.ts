import { createHmac, timingSafeEqual } from 'node:crypto';
import { EMULATOR_CREDENTIALS, EMULATOR_SURFSIGHT_LOGIN } from '../credentials';
import { firstAtOrBefore, pick, PEOPLE, seededRandom, uuid, type Dataset, type Person, type Random } from '../dataset';
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
const ORGS_OF_PARTNER = new Map(PARTNERS.map((partner) => [partner.id, ORGS.filter((org) => org.partner.id === partner.id)]));
const ROLES = ['administrator', 'supervisor', 'restricted', 'installer'];

type EntityType = 'device' | 'user' | 'organization' | 'reseller';

/**
 * One audit log as the filters need it. Generation keeps only this (cheap for 100,000
 * records); the wire record is built from `seed` the first time a page shows it.
 */
interface Entry {
  id: number;
  timeMs: number;
  actor: Actor;
  /** Where the change happened (for partner changes: unused by the wire record). */
  org: Org;
  kind: ChangeKind;
  imei: string;
  /** The user a user change is about. */
  target: number;
  seed: number;
  traceId: string | null;
  record?: Record<string, unknown>;
}

interface ChangeKind {
  entity: EntityType;
  message: string;
  method: string;
  endpoint(entry: Entry): string;
  /** [previousValue, value], decoded; null where there was none. */
  values(entry: Entry, random: Random): [unknown, unknown];
}

const truckName = (random: Random) => `Truck ${Math.floor(random() * 90) + 10}`;
const vanName = (random: Random) => `Van ${Math.floor(random() * 50) + 1}`;
const driverEmail = (entry: Entry) => `driver${entry.target}@example.com`;

/** The changes Surfsight audits; the last (partner details) only partner contacts make. */
const CHANGES: readonly ChangeKind[] = [
  {
    entity: 'device', message: 'Device settings updated', method: 'PUT',
    endpoint: (e) => `/v2/devices/${e.imei}/device-config`,
    values: (_e, random) => {
      const before = { speedUnits: 'mph', audioAlarmsEnabled: random() < 0.5, livePreview: true, cameraMode: 'road' };
      return [before, { ...before, audioAlarmsEnabled: !before.audioAlarmsEnabled, cameraMode: pick(random, ['road', 'road+cabin']) }];
    },
  },
  {
    entity: 'device', message: 'Device renamed', method: 'PATCH', endpoint: (e) => `/v2/devices/${e.imei}`,
    values: (_e, random) => [{ name: truckName(random) }, { name: truckName(random) }],
  },
  {
    entity: 'device', message: 'Device added to organization', method: 'POST', endpoint: (e) => `/v2/organizations/${e.org.id}/devices`,
    values: (e, random) => [null, { imei: e.imei, name: vanName(random), groupId: Math.floor(random() * 9) + 1 }],
  },
  {
    entity: 'device', message: 'Device removed from organization', method: 'DELETE', endpoint: (e) => `/v2/organizations/${e.org.id}/devices/${e.imei}`,
    values: (e, random) => [{ imei: e.imei, name: vanName(random) }, null],
  },
  {
    // Stored as plain text by the vendor, not JSON: the adapter must keep it as a string.
    entity: 'device', message: 'Device firmware update requested', method: 'POST', endpoint: (e) => `/v2/devices/${e.imei}/firmware-update`,
    values: (_e, random) => [`ROUTER-5.1.${Math.floor(random() * 9)}`, `ROUTER-5.2.${Math.floor(random() * 9)}`],
  },
  {
    entity: 'user', message: 'User created', method: 'POST', endpoint: (e) => `/v2/organizations/${e.org.id}/users`,
    values: (e, random) => [null, { email: driverEmail(e), role: pick(random, ROLES) }],
  },
  {
    entity: 'user', message: 'User role changed', method: 'PATCH', endpoint: (e) => `/v2/organizations/${e.org.id}/users/${e.target}`,
    values: (_e, random) => {
      const from = Math.floor(random() * ROLES.length);
      const to = (from + 1 + Math.floor(random() * (ROLES.length - 1))) % ROLES.length;
      return [{ role: ROLES[from] }, { role: ROLES[to] }];
    },
  },
  {
    entity: 'user', message: 'User deleted', method: 'DELETE', endpoint: (e) => `/v2/organizations/${e.org.id}/users/${e.target}`,
    values: (e, random) => [{ email: driverEmail(e), role: pick(random, ROLES) }, null],
  },
  {
    entity: 'organization', message: 'Organization settings updated', method: 'PATCH', endpoint: (e) => `/v2/organizations/${e.org.id}`,
    values: (_e, random) => {
      const days = pick(random, [30, 60, 90]);
      const before = { dataRetentionDays: days, timezone: 'America/Chicago', speedLimitKph: 105 };
      return [before, { ...before, dataRetentionDays: days === 90 ? 30 : days + 30 }];
    },
  },
  {
    entity: 'reseller', message: 'Partner details updated', method: 'PATCH', endpoint: (e) => `/v2/partners/${e.actor.partner.id}`,
    values: (_e, random) => [{ supportEmail: 'support@example.com' }, { supportEmail: `fleet-support${Math.floor(random() * 9)}@example.com` }],
  },
];

const REASONS = ['Requested by fleet manager', 'Vehicle reassigned', 'Scheduled maintenance', 'Customer ticket'];

/** The entity's organization, or null for partner (reseller) changes. */
const entityOrg = (e: Entry): Org | null => (e.kind.entity === 'reseller' ? null : e.org);

function entityId(e: Entry): string {
  switch (e.kind.entity) {
    case 'device': return e.imei;
    case 'user': return String(e.target);
    case 'organization': return String(e.org.id);
    case 'reseller': return String(e.actor.partner.id);
  }
}

/** How Surfsight stores values: JSON in a string, except plain-text values, which stay as they are. */
const encode = (value: unknown): string | null =>
  value === null ? null : typeof value === 'string' ? value : JSON.stringify(value);

/** The record as Surfsight sends it, built once from the entry's own seed. */
function wireRecord(e: Entry): Record<string, unknown> {
  if (e.record) return e.record;
  const random = seededRandom(e.seed);
  const [previous, value] = e.kind.values(e, random);
  const org = entityOrg(e);
  e.record = {
    id: e.id,
    message: e.kind.message,
    reason: random() < 0.25 ? pick(random, REASONS) : null,
    createdAt: new Date(e.timeMs).toISOString(),
    value: encode(value),
    previousValue: encode(previous),
    organizationId: org?.id ?? null,
    organizationName: org?.name ?? null,
    partnerId: e.actor.partner.id,
    partnerName: e.actor.partner.name,
    userId: e.actor.userId,
    userName: e.actor.person.email,
    imei: e.kind.entity === 'device' ? e.imei : null,
    entityId: entityId(e),
    entityTpe: e.kind.entity,
    source: e.actor.userType === 'partnerContact' ? 'partnerPortal' : pick(random, ['api', 'fleetApp', 'fleetApp']),
    method: e.kind.method,
    endpoint: e.kind.endpoint(e),
    queryParams: '{}',
    requestId: e.traceId ?? uuid(random),
  };
  return e.record;
}

function entry(actor: Actor, timeMs: number, traceId: string | null, random: Random): Entry {
  const org = actor.org ?? pick(random, ORGS_OF_PARTNER.get(actor.partner.id) ?? ORGS);
  const kind = CHANGES[Math.floor(random() * (actor.userType === 'partnerContact' ? CHANGES.length : CHANGES.length - 1))] as ChangeKind;
  const imei = `35766010${String(org.id).padStart(2, '0')}${String(Math.floor(random() * 12)).padStart(5, '0')}`;
  const target = 100 + Math.floor(random() * 60);
  return { id: 0, timeMs, actor, org, kind, imei, target, seed: Math.floor(random() * 0x100000000), traceId };
}

function generate(dataset: Dataset): Entry[] {
  const random = dataset.random('surfsight');
  const count = dataset.counts.surfsight;
  const entries: Entry[] = [];
  for (const trace of dataset.sharedTraces.slice(0, count)) {
    const actor = ACTORS.find((candidate) => candidate.person.id === trace.actor.id) ?? (ACTORS[0] as Actor);
    entries.push(entry(actor, trace.timeMs, trace.traceId, random));
  }
  while (entries.length < count) entries.push(entry(pick(random, ACTORS), dataset.time(random), null, random));
  entries.sort((a, b) => b.timeMs - a.timeMs);
  // Auto-increment ids: the newest record has the highest.
  for (let i = 0; i < entries.length; i++) (entries[i] as Entry).id = 1_000_000 + entries.length - i;
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

const timeOf = (entry: Entry): number => entry.timeMs;

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
    equals('userId', (item) => item.actor.userId) ??
    equals('partnerId', (item) => item.actor.partner.id) ??
    equals('userType', (item) => item.actor.userType, undefined, USER_TYPES) ??
    equals('orgId', (item) => item.actor.org?.id, POSITIVE) ??
    equals('imei', (item) => (item.kind.entity === 'device' ? item.imei : null)) ??
    equals('entityId', entityId) ??
    equals('entityType', (item) => item.kind.entity, undefined, ENTITY_TYPES) ??
    equals('entityOrganizationId', (item) => entityOrg(item)?.id, POSITIVE) ??
    equals('entityPartnerId', (item) => entityOrg(item)?.partner.id ?? item.actor.partner.id);
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
  const first = firstAtOrBefore(entries, end, timeOf);
  const last = firstAtOrBefore(entries, start - 1, timeOf);
  const { limit = 0, offset = 0 } = paging;
  // No limit (the vendor's default "0") means everything after the offset.
  const upTo = (length: number) => (limit > 0 ? Math.min(length, offset + limit) : length);
  let count: number;
  let page: readonly Entry[];
  if (filters.length === 0) {
    count = last - first;
    page = entries.slice(first + offset, first + upTo(count));
  } else {
    const matching: Entry[] = [];
    for (let i = first; i < last; i++) {
      const item = entries[i] as Entry;
      if (filters.every((match) => match(item))) matching.push(item);
    }
    count = matching.length;
    page = matching.slice(offset, upTo(count));
  }
  if (page.length > TIMEOUT_RECORDS) return { status: 504, body: { message: 'Endpoint request timed out' } };
  return { status: 200, body: { data: page.map(wireRecord), metadata: { count, limit, offset } } };
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
