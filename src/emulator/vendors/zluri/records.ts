import { hex, pick, PEOPLE, type Dataset, type Person, type Random } from '../../dataset';

export interface ZluriItem {
  _id: string;
  actor: string;
  actor_id: string;
  actor_name: string;
  actor_role: string | null;
  entity: string;
  event: string;
  event_description: string;
  event_timestamp: string;
  event_title: string;
  event_type: string;
}

/** An item with its time as a number, for the range search. */
export interface StoredItem {
  ms: number;
  item: ZluriItem;
}

const APPS = ['Jira', 'Slack', 'Zoom', 'Salesforce', 'GitHub', 'Figma', 'Notion', 'AT&amp;T Business', 'Google Workspace'];
const RULES = ['Standard Rule for Existing Applications', 'App rule for Jira', 'Offboarding checklist', 'Deprovision inactive licenses'];
const INTEGRATIONS = ['Okta', 'Google Workspace', 'Azure AD', 'Slack'];
const ROLES = ['admin', 'it admin', 'finance admin', 'employee'];

interface Actor {
  kind: string;
  id: string;
  name: string;
  role: string | null;
}

interface Template {
  event: string;
  entity: string;
  type: string;
  byRule?: boolean;
  title(a: Actor, x: Fill): string;
  description(a: Actor, x: Fill, when: number): string;
}

interface Fill {
  app: string;
  other: Person;
  role: string;
  integration: string;
}

const b = (text: string): string => `<b>${text}</b>`;

const TEMPLATES: readonly Template[] = [
  { event: 'user_login', entity: 'users', type: 'login',
    title: (a) => `${b(a.name)} was loggedIn`,
    description: (a, _x, when) => `${b(a.name)} was loggedIn on ${b(usDateTime(when))}` },
  { event: 'user_login', entity: 'users', type: 'login',
    title: (a) => `${b(a.name)} was loggedIn`,
    description: (a, _x, when) => `${b(a.name)} was loggedIn on ${b(usDateTime(when))}` },
  { event: 'rule_triggered', entity: 'automationrules', type: 'misc', byRule: true,
    title: () => 'Rule triggered',
    description: (a) => `Rule: ${b(a.name)} was triggered successfully.` },
  { event: 'license_requested', entity: 'requests', type: 'created',
    title: (_a, x) => `${b('')} license of ${b(x.app)} is requested`,
    description: (a, x, when) => `${b('')} license of ${b(x.app)} was requested by ${b(a.name)} on ${b(paddedDateTime(when))}` },
  { event: 'app_owner_assigned', entity: 'applications', type: 'updated',
    title: (_a, x) => `Owner of ${b(x.app)} assigned`,
    description: (a, x) => `${b(x.other.name)} was assigned as owner of ${b(x.app)} by ${b(a.name)}` },
  { event: 'user_role_changed', entity: 'users', type: 'updated',
    title: (_a, x) => `Role of ${b(x.other.name)} changed`,
    description: (a, x) => `Role of ${b(x.other.name)} was changed to ${b(x.role)} by ${b(a.name)}` },
  { event: 'app_risk_changed', entity: 'applications', type: 'updated',
    title: (_a, x) => `Risk level of ${b(x.app)} changed`,
    description: (a, x) => `Risk level of ${b(x.app)} was changed from ${b('Low')} to ${b('High')} by ${b(a.name)}` },
  { event: 'user_marked_for_offboarding', entity: 'users', type: 'updated',
    title: (_a, x) => `${b(x.other.name)} marked for offboarding`,
    description: (a, x) => `${b(x.other.name)} was marked for offboarding by ${b(a.name)}` },
  { event: 'integration_sync_completed', entity: 'integrations', type: 'misc',
    title: (_a, x) => `${b(x.integration)} sync completed`,
    description: (_a, x, when) => `Sync with ${b(x.integration)} completed on ${b(usDateTime(when))}` },
  { event: 'connect_error', entity: 'integrations', type: 'misc',
    title: (_a, x) => `Connection to ${b(x.integration)} failed`,
    description: (a, x) => `${b(a.name)} could not connect ${b(x.integration)}: the token was rejected &amp; the connection was not saved` },
  { event: 'auth_error', entity: 'users', type: 'login',
    title: (a) => `${b(a.name)} could not sign in`,
    description: (a, _x, when) => `Authentication for ${b(a.name)} failed on ${b(usDateTime(when))}` },
  { event: 'app_archived', entity: 'applications', type: 'archived',
    title: (_a, x) => `${b(x.app)} was archived`,
    description: (a, x) => `${b(x.app)} was archived by ${b(a.name)}` },
  { event: 'invite_user', entity: 'users', type: 'created',
    title: (_a, x) => `${b(x.other.name)} was invited`,
    description: (a, x) => `${b(x.other.name)} (${x.other.email}) was invited by ${b(a.name)}` },
];

/** `2/5/2024, 8:12:31 AM`, as Zluri writes login times (UTC here). */
function usDateTime(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours() % 12 || 12;
  const ampm = d.getUTCHours() < 12 ? 'AM' : 'PM';
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}, ${h}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${ampm}`;
}

/** `02/05/2024, 08:49:38`, as Zluri writes request times. */
function paddedDateTime(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${d.getUTCFullYear()}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function actorFor(random: Random, template: Template, rules: readonly Actor[]): Actor {
  if (template.byRule) return pick(random, rules);
  const person = pick(random, PEOPLE);
  return { kind: 'user', id: person.id, name: person.name, role: person.role };
}

/** Mongo-style ids: 4 bytes of seconds, 5 fixed bytes, a 3-byte counter (so never a duplicate). */
function objectId(ms: number, machine: string, counter: number): string {
  return Math.floor(ms / 1000).toString(16).padStart(8, '0') + machine + (counter & 0xffffff).toString(16).padStart(6, '0');
}

export function generate(dataset: Dataset): StoredItem[] {
  const random = dataset.random('zluri');
  const machine = hex(random, 10);
  const rules: Actor[] = RULES.map((name) => ({ kind: 'automationrule', id: hex(random, 24), name, role: null }));
  const count = dataset.counts.zluri;
  const times = dataset.timesNewestFirst(random, count);
  const stored: StoredItem[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const ms = times[i] as number;
    const template = pick(random, TEMPLATES);
    const actor = actorFor(random, template, rules);
    const fill: Fill = { app: pick(random, APPS), other: pick(random, PEOPLE), role: pick(random, ROLES), integration: pick(random, INTEGRATIONS) };
    stored[i] = {
      ms,
      item: {
        _id: objectId(ms, machine, count - i),
        actor: actor.kind,
        actor_id: actor.id,
        actor_name: actor.name,
        actor_role: actor.role,
        entity: template.entity,
        event: template.event,
        event_description: template.description(actor, fill, ms),
        event_timestamp: new Date(ms).toISOString(),
        event_title: template.title(actor, fill),
        event_type: template.type,
      },
    };
  }
  return stored;
}
