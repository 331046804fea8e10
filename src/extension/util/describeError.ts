import { isAuditLensError } from '../../core/errors';

/** The words to show for an error; undefined for a cancellation, which needs none. */
export function describeError(error: unknown): string | undefined {
  if (isAuditLensError(error)) {
    if (error.reason === 'cancelled') return undefined;
    const vendorWords = error.vendorMessage && !error.message.includes(error.vendorMessage) ? ` The vendor said: ${error.vendorMessage}` : '';
    return `${error.message}${vendorWords}`;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
