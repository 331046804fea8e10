import type * as z from 'zod/mini';
import { AuditLensError, type ErrorReason } from '../../errors';
import type { VendorErrorInfo } from '../adapter';
import type { perfectoErrorSchema } from './schemas';

type PerfectoErrorList = z.infer<typeof perfectoErrorSchema>;

/** The documented "not enabled for this tenant" and "not permitted for current user". */
const NOT_ALLOWED = /not permitted|not enabled/i;
/**
 * A missing, wrong or expired security token. Neither the seed nor VENDORS.md quotes this
 * message: a guess at its wording (the emulator's 401 reads so), so that such a list offers
 * Set Credential rather than reading as a bad query.
 */
const BAD_TOKEN = /\btoken\b.*\b(missing|invalid|expired)\b|\b(invalid|expired)\b.*\btoken\b/i;

/** The list as the user should read it: every `userMessage`, and the `developerMessage`s as the support reference. */
export function errorListInfo(list: PerfectoErrorList): VendorErrorInfo {
  const message = list.map((item) => item.userMessage).join('; ');
  const refs = list.map((item) => item.developerMessage).filter((ref): ref is string => !!ref);
  return {
    message,
    supportRef: refs.length > 0 ? [...new Set(refs)].join(', ') : undefined,
    permission: NOT_ALLOWED.test(message) || undefined,
  };
}

type ListReason = Extract<ErrorReason, 'permission' | 'auth' | 'vendor-validation'>;

const ADVICE: Record<ListReason, (ref: string) => string> = {
  permission: (ref) => `This security token may not read audit logs: use an administrator's token, or ask a Perfecto administrator to enable audit search for the tenant${ref}.`,
  auth: (ref) => `Update the security token for this connection${ref}.`,
  'vendor-validation': (ref) => `Adjust the search (time range, filters) and try again${ref}.`,
};

/**
 * An error list sent with a 2xx instead of results, typed by what it says, as its non-2xx
 * twin would be: not allowed is a permission problem, a bad token an authentication one,
 * and anything else (the documented "… should be …") a rejected search.
 */
export function errorListError(list: PerfectoErrorList): AuditLensError {
  const info = errorListInfo(list);
  const reason: ListReason = info.permission ? 'permission' : BAD_TOKEN.test(info.message) ? 'auth' : 'vendor-validation';
  const ref = info.supportRef ? ` (support reference: ${info.supportRef})` : '';
  return new AuditLensError(
    reason,
    `Perfecto answered with an error instead of results: "${info.message}". ${ADVICE[reason](ref)}`,
    { vendor: 'perfecto', vendorMessage: info.message, supportRef: info.supportRef },
  );
}
