import type { AuditQuery, FilterKey } from '../../model';

/** The values Surfsight's `entityType` parameter accepts. */
const SURFSIGHT_ENTITY_TYPES = ['user', 'reseller', 'device', 'organization'] as const;

/** A canonical positive integer: the only form where "userId equals" is plain string equality. */
const CANONICAL_ID = /^[1-9]\d*$/;

/** `actor` → `userId`, only for a numeric actor (a user name or email has no vendor filter). */
function userIdFor(actor: string | undefined): string | undefined {
  return actor !== undefined && CANONICAL_ID.test(actor) ? actor : undefined;
}

/** `resourceType` → `entityType`, only when it names one of the vendor's entity types (any case). */
function entityTypeFor(resourceType: string | undefined): string | undefined {
  const value = resourceType?.toLowerCase();
  return value !== undefined && (SURFSIGHT_ENTITY_TYPES as readonly string[]).includes(value) ? value : undefined;
}

/**
 * `resourceId` → `entityId`, as a pre-filter only. The vendor documents `entityId` as
 * matching changes to entities "associated with" the id, which may be broader than our
 * equality, so the engine still narrows locally. Values with letters are not sent at
 * all: a case-sensitive vendor match could drop events our case-insensitive match keeps.
 */
function entityIdFor(resourceId: string | undefined): string | undefined {
  if (resourceId === undefined || resourceId === '') return undefined;
  return resourceId.toLowerCase() === resourceId.toUpperCase() ? resourceId : undefined;
}

/** The filters Surfsight applies with exactly our semantics for this query's values. */
export function surfsightServerFilters(query: AuditQuery): Set<FilterKey> {
  const keys = new Set<FilterKey>();
  if (userIdFor(query.actor)) keys.add('actor');
  if (entityTypeFor(query.resourceType)) keys.add('resourceType');
  return keys;
}

/** The vendor query parameters for a query's filters. */
export function surfsightFilterParams(query: AuditQuery): Record<string, string> {
  const params: Record<string, string> = {};
  const userId = userIdFor(query.actor);
  if (userId) params.userId = userId;
  const entityType = entityTypeFor(query.resourceType);
  if (entityType) params.entityType = entityType;
  const entityId = entityIdFor(query.resourceId);
  if (entityId) params.entityId = entityId;
  return params;
}
