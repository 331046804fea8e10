/**
 * The baseline: the same requests the engine sent, through plain undici, each body only
 * `JSON.parse`d. No validation, normalization, de-duplication or ordering. With `keep`, the
 * parsed bodies are held until every request is answered, as any engine that hands back what
 * it parsed must: the floor under the engine's cost, not a budget.
 */
import { Agent } from 'undici';
import type { SentRequest } from './recordingClient';

export async function fetchRaw(
  agent: Agent, requests: readonly SentRequest[], concurrency: number, keep = false,
): Promise<{ bytes: number; values: number; kept: number }> {
  const held: unknown[] = [];
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
      if (keep) held.push(parsed);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return { bytes, values, kept: held.length };
}

/** The same pool size the engine's client uses per origin. */
export function baselineAgent(connections: number): Agent {
  return new Agent({ connections });
}
