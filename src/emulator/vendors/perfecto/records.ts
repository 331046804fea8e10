import { type Dataset, PEOPLE, pick, pickTwoDifferent, type Random, randomText } from '../../dataset';

/**
 * One stored audit document, kept compact: 100,000 of them must fit comfortably, so the
 * Elasticsearch hit is only built for the hits a page serves.
 */
export interface Entry {
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
      const [from, to] = pickTwoDifferent(random, ROLES);
      return { role: change(from, to), phone: change(null, '+1 555 0100') };
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
export function toHit(entry: Entry): Record<string, unknown> {
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
export function generate(dataset: Dataset): Entry[] {
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
