import type { AuditActor, AuditEvent, AuditResource } from '../model';

/** More distinct values than this under one key are not shared: the lookup stays a short scan. */
const MOST_PER_KEY = 8;

/**
 * One actor object and one resource object per distinct value within a search: a few users
 * act on a few thousand objects across 100k events, and each copy would otherwise be kept
 * (and, while fetching, moved by the garbage collector) once per event. Shared objects are
 * never changed: `AuditActor` and `AuditResource` are read-only.
 */
export class SharedParts {
  /** Candidates by their first field that is not null (the id, or else the name or type). */
  private readonly actors = new Map<string | null, AuditActor[]>();
  private readonly resources = new Map<string | null, AuditResource[]>();

  share(event: AuditEvent): void {
    const { actor, resource } = event;
    event.actor = sharedOf(this.actors, actor.id ?? actor.name ?? actor.type, actor, sameActor);
    event.resource = sharedOf(this.resources, resource.id ?? resource.name ?? resource.type, resource, sameResource);
  }
}

function sharedOf<T>(byKey: Map<string | null, T[]>, key: string | null, value: T, same: (a: T, b: T) => boolean): T {
  const known = byKey.get(key);
  if (!known) {
    byKey.set(key, [value]);
    return value;
  }
  for (const candidate of known) if (same(candidate, value)) return candidate;
  if (known.length < MOST_PER_KEY) known.push(value);
  return value;
}

function sameActor(a: AuditActor, b: AuditActor): boolean {
  return a.id === b.id && a.name === b.name && a.type === b.type && a.role === b.role;
}

function sameResource(a: AuditResource, b: AuditResource): boolean {
  return a.id === b.id && a.type === b.type && a.name === b.name;
}
