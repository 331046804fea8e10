import type { AuditActor, AuditEvent, AuditResource } from '../model';

/**
 * One actor object and one resource object per distinct value within a search: a few users
 * act on a few thousand objects across 100k events, and each copy would otherwise be kept
 * (and, while fetching, moved by the garbage collector) once per event. Shared objects are
 * never changed: `AuditActor` and `AuditResource` are read-only.
 */
export class SharedParts {
  private readonly actors = new Map<string, AuditActor>();
  private readonly resources = new Map<string, AuditResource>();

  share(event: AuditEvent): void {
    const { actor, resource } = event;
    const actorKey = keyPart(actor.id) + keyPart(actor.name) + keyPart(actor.type) + keyPart(actor.role);
    const knownActor = this.actors.get(actorKey);
    if (knownActor) event.actor = knownActor;
    else this.actors.set(actorKey, actor);
    const resourceKey = keyPart(resource.type) + keyPart(resource.id) + keyPart(resource.name);
    const knownResource = this.resources.get(resourceKey);
    if (knownResource) event.resource = knownResource;
    else this.resources.set(resourceKey, resource);
  }
}

/** Length-prefixed, so joined parts never run into each other; null stays apart from ''. */
function keyPart(value: string | null): string {
  return value === null ? '-' : `${value.length}:${value}`;
}
