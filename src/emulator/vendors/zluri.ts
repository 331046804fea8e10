import { EMULATOR_CREDENTIALS } from '../credentials';
import { firstAtOrBefore, hex, pick, PEOPLE, type Dataset, type Person, type Random } from '../dataset';
import { rateWindowPer } from '../rateWindow';
import type { EmulatorResponse, RouteContext, VendorRoute } from '../types';

/**
 * Zluri's `GET /ext/v1/audit/list`: 1-based pages of at most 100, oldest first as in the
 * vendor's sample, and the trap VENDORS.md warns about: a range longer than 7 days is
 * silently narrowed to the 7 days before `end_date`.
 */

const LIST_PATH = '/ext/v1/audit/list';
const MAX_RANGE_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_PAGE_SIZE = 100;
const budgetOf = rateWindowPer<Dataset>(100, 60_000);
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

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

export const zluriRoute: VendorRoute = {
  vendor: 'zluri',
  handle(request, context) {
    if (request.path !== LIST_PATH || request.method !== 'GET') {
      return failure(404, 'NOT_FOUND', [`Cannot ${request.method} ${request.path}`]);
    }
    const key = request.headers['api-key'];
    if (key !== EMULATOR_CREDENTIALS.zluri.token) return failure(401, 'UNAUTHORIZED', ['Invalid or missing api-key']);
    if (context.rateLimits) {
      const waitMs = budgetOf(context.dataset).take(key, context.now());
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        return {
          ...failure(429, 'RATE_LIMIT_EXCEEDED', [`Too many requests: at most 100 a minute. Retry after ${seconds} seconds.`]),
          headers: { 'retry-after': String(seconds) },
        };
      }
    }
    return list(request.query, context);
  },
};

function list(query: URLSearchParams, context: RouteContext): EmulatorResponse {
  const errors: string[] = [];
  const page = intParam(query.get('page'), 1);
  const pageSize = intParam(query.get('page_size'), MAX_PAGE_SIZE);
  if (!(page >= 1)) errors.push('The page parameter must be equal to or greater than 1.');
  if (!(pageSize >= 1)) errors.push('The page_size parameter must be equal to or greater than 1.');
  else if (pageSize > MAX_PAGE_SIZE) errors.push('The page_size parameter must be equal to or less than 100.');
  const endText = query.get('end_date');
  const startText = query.get('start_date');
  const end = endText === null ? context.now() : isoParam(endText);
  if (end === undefined) errors.push('The end_date parameter must be of ISO 8601 format');
  let start = startText === null ? undefined : isoParam(startText);
  if (startText !== null && start === undefined) errors.push('The start_date parameter must be of ISO 8601 format');
  if (startText === null && end !== undefined) start = end - MAX_RANGE_MS;
  if (start !== undefined && end !== undefined && end <= start) {
    errors.push('The end_date parameter must be a date later than the start_date.');
  }
  if (errors.length > 0 || start === undefined || end === undefined) return failure(400, 'MISC', errors);
  // The documented trap: no error, just the last 7 days of the range.
  if (end - start > MAX_RANGE_MS) start = end - MAX_RANGE_MS;

  const stored = context.dataset.records('zluri', generate);
  const [newest, pastOldest] = rangeIndexes(stored, start, end);
  const count = pastOldest - newest;
  const items: ZluriItem[] = [];
  // Oldest first: ascending position k is stored index pastOldest - 1 - k.
  for (let k = (page - 1) * pageSize; k < Math.min(count, page * pageSize); k++) {
    items.push((stored[pastOldest - 1 - k] as StoredItem).item);
  }
  return {
    status: 200,
    body: {
      count,
      end_date: new Date(end).toISOString(),
      items,
      page,
      page_size: pageSize,
      start_date: new Date(start).toISOString(),
    },
  };
}

/** NaN for anything that is not an integer, so the range checks reject it. */
function intParam(value: string | null, fallback: number): number {
  if (value === null || value === '') return fallback;
  return /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
}

function isoParam(value: string): number | undefined {
  if (!ISO_8601.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Stored newest first: [first index at or before `end`, first index before `start`). */
function rangeIndexes(stored: readonly StoredItem[], start: number, end: number): [number, number] {
  const timeOf = (item: StoredItem): number => item.ms;
  return [firstAtOrBefore(stored, end, timeOf), firstAtOrBefore(stored, start - 1, timeOf)];
}

function failure(status: number, code: string, messages: string[]): EmulatorResponse {
  return { status, body: { code, errors: messages.map((msg) => ({ msg })) } };
}

// ---- demo data ----------------------------------------------------------------------

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
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) times[i] = dataset.time(random);
  times.sort().reverse();
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
