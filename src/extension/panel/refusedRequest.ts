/**
 * The reply to a request the host refused: the webview waits on its request id, so a refusal
 * that carries one is answered with what to do instead of being dropped in silence.
 */
import { COPY_ROWS_MAX } from '../../shared/protocol';

const count = (n: number) => n.toLocaleString('en-US');

/** The reply to send, or undefined when the message carries no usable request id. */
export function refusedRequestReply(data: unknown, problems: readonly string[]): { requestId: number; message: string } | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { requestId, type, eventKeys } = data as { requestId?: unknown; type?: unknown; eventKeys?: unknown };
  if (typeof requestId !== 'number' || !Number.isInteger(requestId) || requestId < 0) return undefined;
  if (type === 'copyRows' && Array.isArray(eventKeys) && eventKeys.length > COPY_ROWS_MAX) {
    return { requestId, message: `Too many rows to copy (${count(eventKeys.length)}; at most ${count(COPY_ROWS_MAX)} at once): export them to a file instead, or filter the rows down first.` };
  }
  const why = problems.slice(0, 3).join('; ');
  return { requestId, message: `The extension could not take that request (${why || 'not in the panel protocol'}). Re-run the search and try again; if it happens again, report it with the Audit Lens log.` };
}
