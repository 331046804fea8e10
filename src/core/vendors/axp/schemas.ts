import * as z from 'zod/mini';
import { toIsoTime } from '../normalize';

/** A date AXP writes as ISO-8601 text (`2021-11-14T09:24:05.234Z`). */
const isoDate = z.string().check(z.refine((value) => toIsoTime(value) !== null, 'not an ISO-8601 date'));

/** One audit record. It has no id; `auditData` is a snapshot of the object after the event. */
export const axpRecordSchema = z.looseObject({
  date: isoDate,
  event: z.string().check(z.minLength(1)),
  author: z.string(),
  ipAddress: z.nullish(z.string()),
  type: z.string().check(z.minLength(1)),
  auditData: z.record(z.string(), z.unknown()),
});

/** The page envelope. Records are validated one by one, so they stay `unknown` here. */
export const axpPageSchema = z.looseObject({
  auditRecords: z.array(z.unknown()),
});

/** Read on its own so a malformed pagination block never costs the page its records. */
export const axpPaginationSchema = z.looseObject({
  pagination: z.looseObject({
    pageNumber: z.optional(z.number().check(z.int())),
    pageSize: z.optional(z.number().check(z.int())),
    total: z.number().check(z.int(), z.nonnegative()),
  }),
});

/** A wrong-typed field in an error body is ignored rather than hiding the fields that are readable. */
function tolerant<T extends z.ZodMiniType>(schema: T) {
  return z.catch(z.optional(schema), undefined);
}

/**
 * AXP answers errors as RFC 7807 problem details (`type`, `title`, `status`, `detail`;
 * `status` is sometimes a string). Some AXP services add a `code`; gateways in front of
 * it may answer `message`, `error` or `errors[]` instead, so those are read too.
 */
export const axpErrorSchema = z.looseObject({
  type: tolerant(z.string()),
  title: tolerant(z.string()),
  status: tolerant(z.union([z.number(), z.string()])),
  detail: tolerant(z.string()),
  code: tolerant(z.union([z.string(), z.number()])),
  message: tolerant(z.string()),
  error: tolerant(z.union([z.string(), z.looseObject({ message: z.optional(z.string()) })])),
  errors: tolerant(z.array(z.unknown())),
});
