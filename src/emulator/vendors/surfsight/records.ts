import { pick, pickTwoDifferent, PEOPLE, seededRandom, uuid, type Dataset, type Person, type Random } from '../../dataset';

interface Partner { id: number; name: string }
interface Org { id: number; name: string; partner: Partner }
interface Actor { person: Person; userId: number; userType: 'user' | 'partnerContact'; org: Org | null; partner: Partner }

const PARTNERS: readonly Partner[] = [
  { id: 62, name: 'Northwind Telematics' },
  { id: 75, name: 'Blue Ridge Fleet Solutions' },
];
export const ORGS: readonly Org[] = [
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
export interface Entry {
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
      const [from, to] = pickTwoDifferent(random, ROLES);
      return [{ role: from }, { role: to }];
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
export const entityOrg = (e: Entry): Org | null => (e.kind.entity === 'reseller' ? null : e.org);

export function entityId(e: Entry): string {
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
export function wireRecord(e: Entry): Record<string, unknown> {
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

export function generate(dataset: Dataset): Entry[] {
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
