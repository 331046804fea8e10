import { z } from 'zod';
import { toIsoTime } from '../normalize';

/** Surfsight ids arrive as numbers or as numeric strings, depending on the field and the release. */
const idLike = z.union([z.string(), z.number()]);
const optionalId = idLike.nullable().optional();
const optionalText = z.string().nullable().optional();
/** `value` / `previousValue`: JSON encoded in a string, or already decoded. */
const encodedValue = z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]).nullable().optional();

/** `{ data: [...], metadata: { count, limit, offset } }`; records are validated one by one. */
export const surfsightEnvelopeSchema = z.object({
  data: z.array(z.unknown()),
  metadata: z.unknown().optional(),
});

const countLike = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

/** Read apart from the envelope so a drifted metadata block never costs the page its records. */
export const surfsightMetadataSchema = z.object({
  count: countLike.optional(),
  limit: countLike.optional(),
  offset: countLike.optional(),
});

export const surfsightRecordSchema = z.object({
  id: idLike,
  message: optionalText,
  reason: optionalText,
  createdAt: z.string().refine((value) => toIsoTime(value) !== null, 'not an ISO-8601 time'),
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
  queryParams: z.union([z.string(), z.record(z.string(), z.unknown())]).nullable().optional(),
  requestId: optionalText,
});
export type SurfsightRecord = z.infer<typeof surfsightRecordSchema>;

/**
 * The error body. Surfsight does not publish one; the emulator answers in the shape its
 * Node back end most plausibly uses: `{ statusCode, error, message, requestId? }`.
 */
export const surfsightErrorSchema = z.object({
  message: z.string().optional(),
  error: z.string().optional(),
  statusCode: z.number().optional(),
  requestId: z.string().optional(),
}).refine((body) => Boolean(body.message || body.error), 'no message');
