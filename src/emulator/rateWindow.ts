/**
 * A sliding-window request budget per key (a project, an API key), for emulating a
 * vendor's documented rate limit. Routes keep one per emulator, keyed by its Dataset.
 */
class RateWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly requests: number, private readonly perMs: number) {}

  /** Counts a request at `now`. Returns 0 when it is allowed, else the ms until one would be. */
  take(key: string, now: number): number {
    const recent = (this.hits.get(key) ?? []).filter((at) => at > now - this.perMs);
    if (recent.length >= this.requests) {
      this.hits.set(key, recent);
      return (recent[0] as number) + this.perMs - now;
    }
    recent.push(now);
    this.hits.set(key, recent);
    return 0;
  }
}

/** One budget per emulator instance: routes are shared module constants, datasets are not. */
export function rateWindowPer<K extends object>(requests: number, perMs: number): (owner: K) => RateWindow {
  const windows = new WeakMap<K, RateWindow>();
  return (owner) => {
    let window = windows.get(owner);
    if (!window) {
      window = new RateWindow(requests, perMs);
      windows.set(owner, window);
    }
    return window;
  };
}
