import { z } from 'zod';

/** ISO-8601 text the way Perfecto writes `timestamp`, checked to be a real time. */
const isoTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not an ISO-8601 time');

const optionalText = z.string().nullish();

/** One `changes` entry: `{ old, new }`; either side may be missing for creations and deletions. */
const changeSchema = z.object({ old: z.unknown().optional(), new: z.unknown().optional() });

/**
 * `_source` of one hit. Perfecto mixes key styles between hits (`resourceId` and
 * `resource_id`, `actorType` and `actor_type`, …), so both spellings are optional here
 * and the adapter reads whichever is present.
 */
export const perfectoSourceSchema = z.object({
  timestamp: isoTime,
  action: z.string(),
  status: optionalText,
  description: optionalText,
  resourceType: optionalText,
  resource_type: optionalText,
  resourceId: optionalText,
  resource_id: optionalText,
  actorType: optionalText,
  actor_type: optionalText,
  actorId: optionalText,
  actor_id: optionalText,
  trace_id: optionalText,
  traceId: optionalText,
  custom_fields: z.record(z.string(), z.unknown()).nullish(),
  changes: z.record(z.string(), changeSchema).nullish(),
});

/** One element of `hits.hits`. */
export const perfectoHitSchema = z.object({
  _id: z.string().min(1),
  _source: perfectoSourceSchema,
  sort: z.array(z.unknown()).optional(),
});

/**
 * The Elasticsearch-shaped envelope. Records are validated one by one afterwards, so
 * `hits.hits` is only required to be an array here. `hits.total` is an object since
 * Elasticsearch 7 and a bare number before it; both are accepted.
 */
export const perfectoEnvelopeSchema = z.object({
  hits: z.object({
    total: z.union([
      z.number().int().nonnegative(),
      z.object({ value: z.number().int().nonnegative(), relation: z.string().optional() }),
    ]).nullish(),
    hits: z.array(z.unknown()),
  }),
});

export type PerfectoEnvelope = z.infer<typeof perfectoEnvelopeSchema>;

/** Perfecto's error body: a JSON array of messages. */
export const perfectoErrorSchema = z.array(z.object({
  userMessage: z.string().min(1),
  developerMessage: z.string().nullish(),
})).min(1);
