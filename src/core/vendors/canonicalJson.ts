import * as crypto from 'node:crypto';

/** Stable JSON: object keys sorted, so equal content prints equally. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      if (i in value) out += stableStringify(value[i]); // a hole prints as nothing, as `map` + `join` did
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (i > 0) out += ',';
    out += `${JSON.stringify(key)}:${stableStringify(record[key])}`;
  }
  return `${out}}`;
}

/** Values `stableStringify` prints as `null`: null, undefined, non-finite numbers, functions and symbols. */
function printsNull(value: unknown): boolean {
  const type = typeof value;
  return value === null || type === 'undefined' || type === 'function' || type === 'symbol' || (type === 'number' && !Number.isFinite(value));
}

/**
 * Whether two values print the same with `stableStringify`, compared structurally: no
 * text is built. Diffs call this for every field of every AXP snapshot and Surfsight value.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const typeA = typeof a;
  const typeB = typeof b;
  // Unequal strings, or a string against anything else, never print alike.
  if (typeA === 'string' || typeB === 'string') return false;
  if (typeA !== 'object' || typeB !== 'object' || a === null || b === null) {
    const nullA = printsNull(a);
    if (nullA || printsNull(b)) return nullA && printsNull(b);
    // Unequal numbers or booleans, or one against an object, print differently; BigInt is left to JSON.stringify (which refuses it).
    return typeA === 'bigint' || typeB === 'bigint' ? stableStringify(a) === stableStringify(b) : false;
  }
  const listA = Array.isArray(a);
  if (listA !== Array.isArray(b)) return false;
  return listA ? sameItems(a as unknown[], b as unknown[]) : sameEntries(a as Record<string, unknown>, b as Record<string, unknown>);
}

function sameItems(left: readonly unknown[], right: readonly unknown[]): boolean {
  // Without holes, lengths that differ print differently; a trailing hole prints as nothing (`[,]` is `[]`).
  if (left.length !== right.length) return hasHole(left) || hasHole(right) ? stableStringify(left) === stableStringify(right) : false;
  for (let i = 0; i < left.length; i++) {
    const x = left[i];
    const y = right[i];
    if (x === y) {
      if (x !== undefined) continue;
    } else if (x !== undefined && y !== undefined) {
      if (sameJson(x, y)) continue;
      return false;
    }
    // A hole prints as nothing, unlike any value, `undefined` included.
    const present = i in left;
    if (present !== i in right) return false;
    if (present && !sameJson(x, y)) return false;
  }
  return true;
}

function sameEntries(left: Record<string, unknown>, right: Record<string, unknown>): boolean {
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(right, key) || !Object.prototype.propertyIsEnumerable.call(right, key)) return false;
    if (!sameJson(left[key], right[key])) return false;
  }
  return true;
}

function hasHole(list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) if (!(i in list)) return true;
  return false;
}

function keysInOrder(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) > (keys[i] as string)) return false;
  return true;
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * `value` with every object's keys in sorted order, so `JSON.stringify` prints it the same
 * whatever order the keys arrived in. Objects and arrays already in order are returned as
 * they are; only what must change is copied. (JavaScript lists integer-like keys first
 * whatever the insertion order, so those stay canonical too.)
 */
function withSortedKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === null || typeof item !== 'object') continue;
      const sorted = withSortedKeys(item);
      if (sorted !== item) {
        copy ??= value.slice();
        copy[i] = sorted;
      }
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const inOrder = keysInOrder(keys);
  if (!inOrder) keys.sort();
  let copy: Record<string, unknown> | undefined = inOrder ? undefined : {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item = record[key];
    const sorted = item === null || typeof item !== 'object' ? item : withSortedKeys(item);
    if (copy === undefined && sorted !== item) {
      copy = {};
      for (let j = 0; j < i; j++) setOwn(copy, keys[j] as string, record[keys[j] as string]);
    }
    if (copy !== undefined) setOwn(copy, key, sorted);
  }
  return copy ?? value;
}

/** One-shot hashing where Node has it (20.12+); the streaming API otherwise. */
const sha256Hex: (text: string) => string = typeof crypto.hash === 'function'
  ? (text) => crypto.hash('sha256', text, 'hex')
  : (text) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * A stable id for records that have none: the first 16 bytes (32 hex digits) of the
 * SHA-256 of the record's JSON with keys sorted. Equal content gives the same id whatever
 * the key order; a cryptographic hash, so a crafted record cannot take another's id.
 */
export function contentHash(value: unknown): string {
  const digest = sha256Hex(JSON.stringify(withSortedKeys(value)) ?? 'null');
  // A slice would keep the whole 64-digit digest alive behind every id; changing case twice copies it flat, cheaply.
  return digest.slice(0, 32).toUpperCase().toLowerCase();
}
