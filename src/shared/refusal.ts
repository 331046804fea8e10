/**
 * Why a panel message was refused, in words safe to log and to post to the other side: where
 * in the message and what rule failed, never a value (the message may hold secrets or be huge).
 */
import type * as z from 'zod/mini';

/** A refusal names at most this many problems. */
export const REFUSAL_PROBLEMS_MAX = 20;

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/** What a message claimed to be: its `type` when that is a plain name. */
export function claimedType(data: unknown): string {
  const type = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;
  return typeof type === 'string' && NAME.test(type) ? type : 'a message without a known type';
}

export function refusalProblems(issues: readonly z.core.$ZodIssue[]): string[] {
  const problems = issues.slice(0, REFUSAL_PROBLEMS_MAX).map((issue) => `${where(issue.path)}: ${rule(issue)}`);
  if (issues.length > REFUSAL_PROBLEMS_MAX) problems[REFUSAL_PROBLEMS_MAX - 1] = `${issues.length - REFUSAL_PROBLEMS_MAX + 1} more problems`;
  return problems;
}

function where(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the message';
  return path.slice(0, 8).map((part, at) => {
    if (typeof part === 'number') return `[${part}]`;
    const name = typeof part === 'string' && NAME.test(part) ? part : '?';
    return at === 0 ? name : `.${name}`;
  }).join('') + (path.length > 8 ? '…' : '');
}

function rule(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_big': return `over ${Number(issue.maximum).toLocaleString('en-US')} ${issue.origin === 'string' ? 'characters' : issue.origin === 'array' ? 'items' : 'allowed'}`;
    case 'too_small': return `under ${Number(issue.minimum).toLocaleString('en-US')} ${issue.origin === 'string' ? 'characters' : issue.origin === 'array' ? 'items' : 'allowed'}`;
    case 'invalid_type': return `not ${issue.expected === 'object' || issue.expected === 'array' ? 'an' : 'a'} ${issue.expected}`;
    case 'invalid_union': return 'not one of the forms allowed here';
    case 'invalid_value': return 'not an allowed value';
    default: return issue.code.replace(/_/g, ' ');
  }
}
