import { type Dataset, pick, PEOPLE, type Random, randomText, uuid } from '../../dataset';

export interface AxpWireRecord {
  date: string;
  event: 'CREATED' | 'UPDATED' | 'DELETED';
  author: string;
  ipAddress: string;
  type: ObjectType;
  auditData: Record<string, unknown>;
}

export interface Entry {
  ms: number;
  record: AxpWireRecord;
  /** Lower-cased text of every field but the date, built on the first keyword search. */
  text?: string;
}

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

const PROFILE_CODE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const profileCode = (random: Random): string => randomText(random, 6, PROFILE_CODE_CHARS);

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
export function generate(dataset: Dataset): Entry[] {
  const random = dataset.random('axp');
  const count = dataset.counts.axp;
  const times = dataset.timesNewestFirst(random, count);
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
