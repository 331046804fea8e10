import * as z from 'zod/mini';
import { toIsoTime } from '../normalize';

/** `occurred`: epoch milliseconds, sent as a string (the SDK types it as a number: accept both). */
const epochMs = z.union([z.string(), z.number()])
  .check(z.refine((value) => toIsoTime(value) !== null && /^\d+$/.test(String(value).trim()), 'expected epoch milliseconds'));

const optionalString = z.nullish(z.string());
const optionalStrings = z.nullish(z.array(z.string()));

/** One audit record of `POST /v1/mgmt/audit/search`. Unknown fields are kept in `raw`. */
export const descopeRecordSchema = z.looseObject({
  ID: z.string().check(z.minLength(1)),
  projectId: optionalString,
  userId: optionalString,
  action: z.string().check(z.minLength(1)),
  occurred: epochMs,
  device: optionalString,
  method: optionalString,
  geo: optionalString,
  remoteAddress: optionalString,
  externalIds: optionalStrings,
  tenants: optionalStrings,
  data: z.nullish(z.record(z.string(), z.unknown())),
  type: optionalString,
  actorId: optionalString,
});
export type DescopeRecord = z.infer<typeof descopeRecordSchema>;

/**
 * The response envelope. Descope serializes protobuf messages, which omit empty fields, so
 * `{}` is a valid page with no records; `audits` of any other type makes the page unusable.
 */
export const descopeEnvelopeSchema = z.looseObject({
  audits: z.optional(z.array(z.unknown())),
  total: z.optional(z.unknown()),
});

/** Descope's error body, e.g. `{ errorCode: "E130429", errorDescription, errorMessage }`. */
export const descopeErrorSchema = z.looseObject({
  errorCode: z.optional(z.string()),
  errorDescription: z.optional(z.string()),
  errorMessage: z.optional(z.string()),
  message: z.optional(z.string()),
}).check(z.refine((body) => Boolean(body.errorCode || body.errorMessage || body.message || body.errorDescription)));
