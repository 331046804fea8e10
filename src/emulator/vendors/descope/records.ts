import { EMULATOR_CREDENTIALS } from '../../credentials';
import { hex, pick, PEOPLE, randomText, type Dataset, type Random } from '../../dataset';

/** The project the emulator's management key belongs to. */
export const PROJECT_ID = EMULATOR_CREDENTIALS.descope.token.split(':')[0] as string;

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
  return prefix + randomText(random, 27, BASE62);
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
  const times = dataset.timesNewestFirst(random, count);
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
