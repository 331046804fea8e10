import type { VendorId } from '../core/model';

/** A small seeded PRNG (mulberry32): the same seed always gives the same demo data. */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Eight hex digits from one draw: cheap enough for 100,000 generated records. */
function hexWord(random: Random): string {
  return Math.floor(random() * 0x100000000).toString(16).padStart(8, '0');
}

export function hex(random: Random, length: number): string {
  let out = '';
  while (out.length < length) out += hexWord(random);
  return out.slice(0, length);
}

/**
 * Random text from `alphabet`, built in one piece: strings grown a character at a time
 * stay chains of fragments in V8, which multiplies the memory of 100,000 records.
 */
export function randomText(random: Random, length: number, alphabet: string): string {
  const codes: number[] = [];
  for (let i = 0; i < length; i++) codes.push(alphabet.charCodeAt(Math.floor(random() * alphabet.length)));
  return String.fromCharCode(...codes);
}

/** Two different items of `items` (it holds at least two), the first drawn first. */
export function pickTwoDifferent<T>(random: Random, items: readonly T[]): [T, T] {
  const from = Math.floor(random() * items.length);
  const to = (from + 1 + Math.floor(random() * (items.length - 1))) % items.length;
  return [items[from] as T, items[to] as T];
}

/** A version-4-shaped UUID. */
export function uuid(random: Random): string {
  const a = hexWord(random);
  const b = hexWord(random);
  const c = hexWord(random);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-a${c.slice(1, 4)}-${c.slice(4)}${hexWord(random)}`;
}

/** In a newest-first list, the index of the first item at or before `ms` (binary search). */
export function firstAtOrBefore<T>(items: readonly T[], ms: number, timeOf: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timeOf(items[mid] as T) > ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** In a newest-first list, the [start, end) indexes of the items in [fromMs, toMs]. */
export function rangeIndexes<T>(items: readonly T[], fromMs: number, toMs: number, timeOf: (item: T) => number): [number, number] {
  return [firstAtOrBefore(items, toMs, timeOf), firstAtOrBefore(items, fromMs - 1, timeOf)];
}

export interface Person {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'user';
}

export const PEOPLE: readonly Person[] = [
  { id: '605072ae40973f002d004cc6', name: 'Bob Smith', email: 'bob.smith@example.com', role: 'admin' },
  { id: '605072ae40973f002d004cc7', name: 'Jane Smith', email: 'jsmith@example.com', role: 'admin' },
  { id: '605072ae40973f002d004cc8', name: 'Chris Dunbar', email: 'chris.dunbar@example.com', role: 'user' },
  { id: '605072ae40973f002d004cc9', name: 'Ana Lopez', email: 'ana.lopez@example.com', role: 'user' },
  { id: '605072ae40973f002d004cca', name: 'Wei Chen', email: 'wei.chen@example.com', role: 'admin' },
  { id: '605072ae40973f002d004ccb', name: 'Priya Nair', email: 'priya.nair@example.com', role: 'user' },
];

/** A trace that several vendors saw: the demo's cross-vendor trace search finds all of them. */
export interface SharedTrace {
  traceId: string;
  timeMs: number;
  actor: Person;
}

export interface DatasetOptions {
  seed?: number;
  /** Events are placed in [now - spanMs, now] unless `window` is given. */
  now?: number;
  spanMs?: number;
  /** A fixed window for tests, in epoch ms. */
  window?: { fromMs: number; toMs: number };
  /** Records per vendor. */
  counts?: Partial<Record<VendorId, number>>;
  sharedTraces?: number;
}

const DAY = 24 * 60 * 60 * 1000;
const DEFAULT_COUNTS: Record<VendorId, number> = {
  perfecto: 400, axp: 300, descope: 300, surfsight: 300, zluri: 500,
};

/**
 * The emulator's data, generated once per vendor on first use and kept newest first.
 * Each vendor's generator lives in its `vendors/<vendor>/records.ts`; this holds what they share.
 */
export class Dataset {
  readonly seed: number;
  readonly fromMs: number;
  readonly toMs: number;
  readonly counts: Record<VendorId, number>;
  readonly sharedTraces: readonly SharedTrace[];
  private readonly cache = new Map<VendorId, readonly unknown[]>();

  constructor(options: DatasetOptions = {}) {
    this.seed = options.seed ?? 20251204;
    const now = options.now ?? Date.now();
    this.fromMs = options.window?.fromMs ?? now - (options.spanMs ?? 35 * DAY);
    this.toMs = options.window?.toMs ?? now;
    this.counts = { ...DEFAULT_COUNTS, ...options.counts };
    const random = seededRandom(this.seed);
    const traces: SharedTrace[] = [];
    for (let i = 0; i < (options.sharedTraces ?? 12); i++) {
      // Recent enough that every vendor's reach (Descope: 30 days) includes them.
      const span = Math.min(this.toMs - this.fromMs, 20 * DAY);
      traces.push({ traceId: hex(random, 32), timeMs: Math.floor(this.toMs - random() * span), actor: pick(random, PEOPLE) });
    }
    this.sharedTraces = traces;
  }

  /** A PRNG for one vendor, independent of the order vendors are generated in. */
  random(vendor: VendorId): Random {
    let salt = 0;
    for (const ch of vendor) salt = (salt * 31 + ch.charCodeAt(0)) >>> 0;
    return seededRandom(this.seed ^ salt);
  }

  /** A time in the window, weighted towards the present. */
  time(random: Random): number {
    return Math.floor(this.toMs - Math.pow(random(), 1.5) * (this.toMs - this.fromMs));
  }

  /** `count` times in the window, newest first. */
  timesNewestFirst(random: Random, count: number): Float64Array {
    const times = new Float64Array(count);
    for (let i = 0; i < count; i++) times[i] = this.time(random);
    return times.sort().reverse();
  }

  /** The vendor's records, newest first, generated on first use. */
  records<T>(vendor: VendorId, generate: (dataset: Dataset) => T[]): readonly T[] {
    let records = this.cache.get(vendor) as readonly T[] | undefined;
    if (!records) {
      records = generate(this);
      this.cache.set(vendor, records);
    }
    return records;
  }
}
