import type { RateLimit } from './types';

/**
 * Per-key sliding windows: at most `requests` sends in any `perMs` span. Each caller
 * reserves its slot at once (possibly in the future), so concurrent callers queue in
 * arrival order and each learns its exact wait up front.
 */
export class RateLimiter {
  private readonly slots = new Map<string, number[]>();

  /** Reserves the next slot for `key`; returns how long to wait for it and how to give it back. */
  reserve(key: string, limit: RateLimit, now: number = Date.now()): { waitMs: number; release(): void } {
    const slots = (this.slots.get(key) ?? []).filter((at) => at > now - limit.perMs);
    const at = slots.length < limit.requests ? now : Math.max(now, slots[slots.length - limit.requests] + limit.perMs);
    slots.push(at);
    this.slots.set(key, slots);
    return {
      waitMs: at - now,
      release: () => {
        const current = this.slots.get(key);
        const index = current?.indexOf(at) ?? -1;
        if (current && index >= 0) current.splice(index, 1);
      },
    };
  }
}
