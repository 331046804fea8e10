import * as z from 'zod/mini';
import { toIsoTime } from '../normalize';

/** Surfsight ids arrive as numbers or as numeric strings, depending on the field and the release. */
const idLike = z.union([z.string(), z.number()]);
const optionalId = z.optional(z.nullable(idLike));
const optionalText = z.optional(z.nullable(z.string()));
/** `value` / `previousValue`: JSON encoded in a string, or already decoded. */
const encodedValue = z.optional(z.nullable(z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())])));

/** `{ data: [...], metadata: { count, limit, offset } }`; records are validated one by one. */
export const surfsightEnvelopeSchema = z.object({
  data: z.array(z.unknown()),
  metadata: z.optional(z.unknown()),
});

const countLike = z.union([z.number().check(z.int(), z.nonnegative()), z.pipe(z.string().check(z.regex(/^\d+$/)), z.transform(Number))]);

/** Read apart from the envelope so a drifted metadata block never costs the page its records. */
export const surfsightMetadataSchema = z.object({
  count: z.optional(countLike),
  limit: z.optional(countLike),
  offset: z.optional(countLike),
});

export const surfsightRecordSchema = z.object({
  id: idLike,
  message: optionalText,
  reason: optionalText,
  createdAt: z.string().check(z.refine((value) => toIsoTime(value) !== null, 'not an ISO-8601 time')),
  value: encodedValue,
  previousValue: encodedValue,
  organizationId: optionalId,
  organizationName: optionalText,
  partnerId: optionalId,
  partnerName: optionalText,
  userId: optionalId,
  userName: optionalText,
  imei: optionalId,
  entityId: optionalId,
  // The vendor's own sample spells it `entityTpe`; accept the corrected spelling too.
  entityTpe: optionalText,
  entityType: optionalText,
  source: optionalText,
  method: optionalText,
  endpoint: optionalText,
  queryParams: z.optional(z.nullable(z.union([z.string(), z.record(z.string(), z.unknown())]))),
  requestId: optionalText,
});
export type SurfsightRecord = z.infer<typeof surfsightRecordSchema>;

/**
 * The error body. Surfsight does not publish one; the emulator answers in the shape its
 * Node back end most plausibly uses: `{ statusCode, error, message, requestId? }`.
 */
export const surfsightErrorSchema = z.object({
  message: z.optional(z.string()),
  error: z.optional(z.string()),
  statusCode: z.optional(z.number()),
  requestId: z.optional(z.string()),
}).check(z.refine((body) => Boolean(body.message || body.error), 'no message'));
