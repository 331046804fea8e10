import type { RateLimit, WaitInfo } from '../http/types';

const STATUS_WORDS: Readonly<Record<number, string>> = {
  408: 'request timeout',
  429: 'too many requests',
  500: 'server error',
  502: 'bad gateway',
  503: 'service unavailable',
  504: 'gateway timeout',
};

/** What a search says while the HTTP client waits before a page, or undefined when the wait is too short to mention. */
export function waitNotice(label: string, info: WaitInfo, rateLimit: RateLimit | undefined): string | undefined {
  if (info.ms < 1000) return undefined;
  const seconds = Math.ceil(info.ms / 1000);
  if (info.reason === 'rate-limit') {
    return rateLimit
      ? `${label} allows ${rateLimit.requests} requests per ${Math.round(rateLimit.perMs / 1000)} s: waiting ${seconds} s before the next page.`
      : `Waiting ${seconds} s for ${label}'s rate limit before the next page.`;
  }
  if (info.reason === 'retry-after') return `${label} asked to wait ${seconds} s; retrying then.`;
  if (info.status !== undefined) {
    const words = STATUS_WORDS[info.status];
    return `${label} answered ${info.status}${words ? ` (${words})` : ''}; retrying in ${seconds} s.`;
  }
  return `${label} did not answer; retrying in ${seconds} s.`;
}
