/**
 * The baseline: the same requests the engine sent, through plain undici, each body only
 * `JSON.parse`d. No validation, normalization, de-duplication or ordering.
 *
 * With `hold`, it is also the cheapest engine one can write: each record becomes one object
 * of the normalized event's shape (event, actor, resource; fields copied by reference, no
 * conversion) and everything is held to the end, as any engine that hands back events must.
 * Not a budget: the floor under the engine's cost.
 */
import { Agent } from 'undici';
import type { SentRequest } from './recordingClient';

export async function fetchRaw(
  agent: Agent, requests: readonly SentRequest[], concurrency: number, hold = false,
): Promise<{ bytes: number; values: number }> {
  const held: object[] = [];
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
      if (hold) for (const record of recordsOf(parsed)) held.push(eventShaped(record));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return { bytes, values: values + held.length };
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

function eventShaped(record: Record<string, unknown>): object {
  const values = Object.values(record);
  const at = (i: number): unknown => values[i % values.length];
  return {
    vendor: 'floor', id: at(0), time: at(1),
    actor: { id: at(2), name: null, type: null, role: null },
    action: at(3),
    resource: { type: at(4), id: at(5), name: null },
    status: null, description: at(6), traceId: null, changes: [], raw: record,
  };
}

/** The same pool size the engine's client uses per origin. */
export function baselineAgent(connections: number): Agent {
  return new Agent({ connections });
}
