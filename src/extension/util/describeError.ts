import { isAuditLensError } from '../../core/errors';

interface ValidationIssue {
  path: readonly PropertyKey[];
  message: string;
}

/** zod's errors (from any bundle) carry their issues; their own message is a JSON dump. */
function issuesOf(error: Error): readonly ValidationIssue[] | undefined {
  const issues = (error as { issues?: unknown }).issues;
  if (!Array.isArray(issues) || issues.length === 0) return undefined;
  return issues.every((i) => typeof i?.message === 'string' && Array.isArray(i?.path)) ? issues as ValidationIssue[] : undefined;
}

/** The words to show for an error; undefined for a cancellation, which needs none. */
export function describeError(error: unknown): string | undefined {
  if (isAuditLensError(error)) {
    if (error.reason === 'cancelled') return undefined;
    const vendorWords = error.vendorMessage && !error.message.includes(error.vendorMessage) ? ` The vendor said: ${error.vendorMessage}` : '';
    return `${error.message}${vendorWords}`;
  }
  if (error instanceof Error) {
    const issues = issuesOf(error);
    if (!issues) return error.message;
    const problems = issues.map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message));
    return `The input is not valid: ${problems.join('; ')}.`;
  }
  return String(error);
}
