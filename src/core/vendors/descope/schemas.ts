import { z } from 'zod';
import { toIsoTime } from '../normalize';

/** `occurred`: epoch milliseconds, sent as a string (the SDK types it as a number: accept both). */
const epochMs = z.union([z.string(), z.number()])
  .refine((value) => toIsoTime(value) !== null && /^\d+$/.test(String(value).trim()), 'expected epoch milliseconds');

const optionalString = z.string().nullish();
const optionalStrings = z.array(z.string()).nullish();

/** One audit record of `POST /v1/mgmt/audit/search`. Unknown fields are kept in `raw`. */
export const descopeRecordSchema = z.looseObject({
  ID: z.string().min(1),
  projectId: optionalString,
  userId: optionalString,
  action: z.string().min(1),
  occurred: epochMs,
  device: optionalString,
  method: optionalString,
  geo: optionalString,
  remoteAddress: optionalString,
  externalIds: optionalStrings,
  tenants: optionalStrings,
  data: z.record(z.string(), z.unknown()).nullish(),
  type: optionalString,
  actorId: optionalString,
});
export type DescopeRecord = z.infer<typeof descopeRecordSchema>;

/**
 * The response envelope. Descope serializes protobuf messages, which omit empty fields, so
 * `{}` is a valid page with no records; `audits` of any other type makes the page unusable.
 */
export const descopeEnvelopeSchema = z.looseObject({
  audits: z.array(z.unknown()).optional(),
  total: z.unknown().optional(),
});

/** Descope's error body, e.g. `{ errorCode: "E130429", errorDescription, errorMessage }`. */
export const descopeErrorSchema = z.looseObject({
  errorCode: z.string().optional(),
  errorDescription: z.string().optional(),
  errorMessage: z.string().optional(),
  message: z.string().optional(),
}).refine((body) => Boolean(body.errorCode || body.errorMessage || body.message || body.errorDescription));
