/**
 * The baseline: the same requests the engine sent, through plain undici, each body only
 * `JSON.parse`d. No validation, normalization, de-duplication or ordering.
 *
 * With `hold`, it is also the cheapest engine one can write: eight of each record's values
 * (as many as an event's text fields) are pushed onto eight column arrays and held to the
 * end, as any engine that hands back events must hold them. No object per event, no `raw`,
 * nothing converted, validated or de-duplicated. Not a budget: the floor under the engine's
 * cost, for this design and for a columnar one.
 */
import { Agent } from 'undici';
import type { SentRequest } from './recordingClient';

export async function fetchRaw(
  agent: Agent, requests: readonly SentRequest[], concurrency: number, hold = false,
): Promise<{ bytes: number; values: number }> {
  const columns: unknown[][] = Array.from({ length: HELD_FIELDS }, () => []);
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
      if (hold) for (const record of recordsOf(parsed)) holdValues(record, columns);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return { bytes, values: values + (columns[0] as unknown[]).length };
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

const HELD_FIELDS = 8;

function holdValues(record: Record<string, unknown>, columns: unknown[][]): void {
  const values = Object.values(record);
  for (let field = 0; field < HELD_FIELDS; field++) (columns[field] as unknown[]).push(values[field % values.length]);
}

/** The same pool size the engine's client uses per origin. */
export function baselineAgent(connections: number): Agent {
  return new Agent({ connections });
}
