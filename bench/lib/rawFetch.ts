/**
 * The baseline: the same requests the engine sent, through plain undici, each body only
 * `JSON.parse`d. No validation, normalization, de-duplication or ordering.
 *
 * With `columnKeeper()`, it is also the cheapest engine one can write: eight of each record's
 * values are pushed onto eight column arrays and held to the end, as any engine that hands
 * back events must hold them. No object per event, no `raw`,
 * nothing converted, validated or de-duplicated. Not a budget: the floor under the engine's
 * cost, for this design and for a columnar one.
 */
import { Agent } from 'undici';
import type { SentRequest } from './recordingClient';

/** What a floor keeps of each record (`bench/floorDesigns.ts` compares several). */
export interface RecordKeeper {
  keep(record: Record<string, unknown>): void;
  readonly size: number;
}

export async function fetchRaw(
  agent: Agent, requests: readonly SentRequest[], concurrency: number, keeper?: RecordKeeper,
): Promise<{ bytes: number; values: number }> {
  let next = 0;
  let bytes = 0;
  let values = 0;
  const worker = async (): Promise<void> => {
    while (next < requests.length) {
      const request = requests[next++] as SentRequest;
      const url = new URL(request.url);
      const response = await agent.request({
        origin: url.origin, path: url.pathname + url.search, method: request.method, headers: request.headers, body: request.body,
      });
      const text = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`baseline: ${response.statusCode} from ${url.pathname}: ${text.slice(0, 200)}`);
      bytes += Buffer.byteLength(text);
      const parsed = JSON.parse(text) as Record<string, unknown>;
      values += Object.keys(parsed).length; // keeps the parse observable
      if (keeper) for (const record of recordsOf(parsed)) keeper.keep(record);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return { bytes, values: values + (keeper?.size ?? 0) };
}

/** The page's record list: its longest array, at the top or one level down (`hits.hits`). */
function recordsOf(page: Record<string, unknown>): Array<Record<string, unknown>> {
  let longest: unknown[] = [];
  for (const value of Object.values(page)) {
    const candidates = Array.isArray(value) ? [value] : value !== null && typeof value === 'object' ? Object.values(value).filter(Array.isArray) : [];
    for (const list of candidates) if (list.length > longest.length) longest = list;
  }
  return longest as Array<Record<string, unknown>>;
}

/** As many values as an event's text fields. */
export const HELD_FIELDS = 8;

/** The floor: eight of each record's values on eight column arrays, no object per record. */
export function columnKeeper(): RecordKeeper {
  const columns: unknown[][] = Array.from({ length: HELD_FIELDS }, () => []);
  return {
    keep(record) {
      const values = Object.values(record);
      for (let field = 0; field < HELD_FIELDS; field++) (columns[field] as unknown[]).push(values[field % values.length]);
    },
    get size() {
      return (columns[0] as unknown[]).length;
    },
  };
}

/** The same pool size the engine's client uses per origin. */
export function baselineAgent(connections: number): Agent {
  return new Agent({ connections });
}
