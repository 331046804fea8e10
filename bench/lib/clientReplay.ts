/**
 * The engine's own HTTP client with nothing after it: the recorded requests sent through
 * `HttpClient.send` (pool, deadlines, size cap, retries policy, safe logging, JSON decoding),
 * no validation, normalization, de-duplication or ordering. Shows how much of the fetch
 * figure the client alone takes.
 */
import type { HttpClient } from '../../src/core/http/types';
import type { VendorId } from '../../src/core/model';
import type { SentRequest } from './recordingClient';

export async function replayThroughClient(
  http: HttpClient, vendor: VendorId, requests: readonly SentRequest[], concurrency: number,
): Promise<number> {
  let next = 0;
  let bytes = 0;
  const worker = async (): Promise<void> => {
    while (next < requests.length) {
      const request = requests[next++] as SentRequest;
      bytes += (await http.send({ ...request, vendor, idempotent: true })).bytes;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return bytes;
}
