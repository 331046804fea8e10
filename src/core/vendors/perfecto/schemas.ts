import * as z from 'zod/mini';
import { toIsoTime } from '../normalize';

/** ISO-8601 text the way Perfecto writes `timestamp`, checked to be a real time. */
const isoTime = z.string().check(z.refine((value) => toIsoTime(value) !== null, 'not an ISO-8601 time'));

const optionalText = z.nullish(z.string());

/** One `changes` entry: `{ old, new }`; either side may be missing for creations and deletions. */
const changeSchema = z.object({ old: z.optional(z.unknown()), new: z.optional(z.unknown()) });

/**
 * `_source` of one hit. Perfecto mixes key styles between hits (`resourceId` and
 * `resource_id`, `actorType` and `actor_type`, …), so both spellings are optional here
 * and the adapter reads whichever is present.
 */
const perfectoSourceSchema = z.object({
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
  custom_fields: z.nullish(z.record(z.string(), z.unknown())),
  changes: z.nullish(z.record(z.string(), changeSchema)),
});

/** One element of `hits.hits`. */
export const perfectoHitSchema = z.object({
  _id: z.string().check(z.minLength(1)),
  _source: perfectoSourceSchema,
  sort: z.optional(z.array(z.unknown())),
});

/**
 * The Elasticsearch-shaped envelope. Records are validated one by one afterwards, so
 * `hits.hits` is only required to be an array here. `hits.total` is an object since
 * Elasticsearch 7 and a bare number before it; both are accepted.
 */
export const perfectoEnvelopeSchema = z.object({
  hits: z.object({
    total: z.nullish(z.union([
      z.number().check(z.int(), z.nonnegative()),
      z.object({ value: z.number().check(z.int(), z.nonnegative()), relation: z.optional(z.string()) }),
    ])),
    hits: z.array(z.unknown()),
  }),
});

export type PerfectoEnvelope = z.infer<typeof perfectoEnvelopeSchema>;

/** Perfecto's error body: a JSON array of messages. */
export const perfectoErrorSchema = z.array(z.object({
  userMessage: z.string().check(z.minLength(1)),
  developerMessage: z.nullish(z.string()),
})).check(z.minLength(1));
