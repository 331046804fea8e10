/**
 * Paging through one search re-runs it for every page: keep each owner's (a dataset's,
 * a record list's) last few result lists, dropping the oldest first.
 */
export function searchCachePer<K extends object, V>(size: number): (owner: K, key: string, run: () => V) => V {
  const caches = new WeakMap<K, Map<string, V>>();
  return (owner, key, run) => {
    let cache = caches.get(owner);
    if (!cache) {
      cache = new Map();
      caches.set(owner, cache);
    }
    let found = cache.get(key);
    if (found === undefined) {
      found = run();
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      cache.set(key, found);
    }
    return found;
  };
}
