import * as z from 'zod/mini';
import { toIsoTime } from '../normalize';

const optionalString = z.nullish(z.string());

/** One item of `GET /ext/v1/audit/list`. `event_title`/`event_description` hold HTML. */
export const zluriRecordSchema = z.looseObject({
  _id: z.string().check(z.minLength(1)),
  actor: optionalString,
  actor_id: optionalString,
  actor_name: optionalString,
  actor_role: optionalString,
  entity: optionalString,
  event: z.string().check(z.minLength(1)),
  event_description: optionalString,
  event_timestamp: z.string().check(z.refine((value) => toIsoTime(value) !== null, 'expected an ISO-8601 time')),
  event_title: optionalString,
  event_type: optionalString,
});
export type ZluriRecord = z.infer<typeof zluriRecordSchema>;

/**
 * The response envelope. Zluri always answers with an `items` array (empty when nothing
 * matched), so a body without one is not a Zluri page at all.
 */
export const zluriEnvelopeSchema = z.looseObject({
  count: z.optional(z.unknown()),
  items: z.array(z.unknown()),
});

/** `{ code: "MISC", errors: [{ msg }] }`; the rate limit answers `code: "RATE_LIMIT_EXCEEDED"`. */
export const zluriErrorSchema = z.looseObject({
  code: z.optional(z.string()),
  errors: z.optional(z.array(z.looseObject({ msg: z.optional(z.string()) }))),
  message: z.optional(z.string()),
}).check(z.refine((body) => Boolean(body.code || body.message || body.errors?.some((error) => error.msg))));
